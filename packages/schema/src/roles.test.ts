import { describe, expect, it } from 'vitest'
import { canWrite, governingDocName, isRole, resolveRole, roleAtLeast } from './roles.js'

describe('roles', () => {
  it('orders owner > editor > commenter > viewer', () => {
    expect(roleAtLeast('owner', 'editor')).toBe(true)
    expect(roleAtLeast('editor', 'editor')).toBe(true)
    expect(roleAtLeast('commenter', 'editor')).toBe(false)
    expect(roleAtLeast('viewer', 'commenter')).toBe(false)
  })

  it('content needs editor+, comments and chat commenter+', () => {
    expect(canWrite('doc', 'editor')).toBe(true)
    expect(canWrite('doc', 'commenter')).toBe(false)
    expect(canWrite('board', 'viewer')).toBe(false)
    expect(canWrite('comments', 'commenter')).toBe(true)
    expect(canWrite('chat', 'viewer')).toBe(false)
    expect(canWrite('inbox', 'editor')).toBe(false)
  })

  it('the exact name wins over the kind pattern', () => {
    const roles = { 'doc:*': 'editor', 'doc:plan': 'viewer', 'board:*': 'nonsense' }
    expect(resolveRole(roles, 'doc:plan')).toBe('viewer')
    expect(resolveRole(roles, 'doc:other')).toBe('editor')
    expect(resolveRole(roles, 'board:x')).toBeUndefined()
    expect(resolveRole({ '*': 'commenter' }, 'chat:x')).toBe('commenter')
    expect(resolveRole(undefined, 'doc:x')).toBeUndefined()
    expect(resolveRole({ toString: 'owner' } as Record<string, unknown>, 'doc:x')).toBeUndefined()
  })

  it('comments and chat follow their document', () => {
    expect(governingDocName('comments:x')).toBe('doc:x')
    expect(governingDocName('chat:x')).toBe('doc:x')
    expect(governingDocName('board:x')).toBe('board:x')
    expect(isRole('admin')).toBe(false)
  })
})
