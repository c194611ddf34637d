import { describe, expect, it } from 'vitest'
import type { Role } from '@tandem/schema'
import { RoleGuard } from './access.js'
import type { TokenClaims } from './tokens.js'

const claims = (sub: string, roles?: Record<string, Role>): TokenClaims => ({
  sub,
  name: sub,
  color: '#000000',
  exp: undefined,
  roles,
})
const table = new Map<string, Role>([['doc:t|member', 'commenter']])
const guard = (defaultRole: Role | null = 'editor') =>
  new RoleGuard({ roleOf: async (doc, user) => table.get(`${doc}|${user}`) }, defaultRole)

describe('RoleGuard', () => {
  it('token claims win, exact name over pattern', async () => {
    const c = claims('u', { 'doc:*': 'editor', 'doc:plan': 'viewer' })
    expect(await guard().access(c, 'doc:plan')).toMatchObject({ role: 'viewer', readOnly: true })
    expect(await guard().access(c, 'doc:other')).toMatchObject({ role: 'editor', readOnly: false })
  })

  it('comments and chat follow their document; commenters write comments only', async () => {
    const c = claims('u', { 'doc:x': 'commenter' })
    expect(await guard().access(c, 'doc:x')).toMatchObject({ readOnly: true })
    expect(await guard().access(c, 'comments:x')).toMatchObject({
      role: 'commenter',
      readOnly: false,
    })
    expect(await guard().access(c, 'chat:x')).toMatchObject({ role: 'commenter', readOnly: false })
  })

  it('falls back to the membership table, then defaultRole, or refuses', async () => {
    expect(await guard(null).access(claims('member'), 'doc:t')).toMatchObject({ role: 'commenter' })
    expect(await guard('viewer').access(claims('x'), 'board:b')).toMatchObject({
      role: 'viewer',
      readOnly: true,
    })
    await expect(guard(null).access(claims('x'), 'doc:t')).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('gives an inbox to its user alone', async () => {
    expect(await guard().access(claims('u1'), 'inbox:u1')).toMatchObject({
      role: 'owner',
      readOnly: false,
    })
    await expect(guard().access(claims('u2', { '*': 'owner' }), 'inbox:u1')).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('refuses invalid names', async () => {
    for (const name of ['', 'doc', 'x:y', 'doc:a b', 'doc:../x']) {
      await expect(guard().access(claims('u'), name)).rejects.toMatchObject({
        code: 'invalid-document-name',
      })
    }
  })
})
