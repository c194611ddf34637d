import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import type { TandemClient } from '@tandem/client'
import { TandemError, workspaceDoc } from '@tandem/schema'
import { startTestServer, type TestServer } from '../test/support.js'
import { TandemProvider } from './TandemProvider.js'
import { useWorkspace } from './useWorkspace.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
})

function wrapperFor(client: TandemClient) {
  return ({ children }: { children: ReactNode }) => (
    <TandemProvider client={client}>{children}</TandemProvider>
  )
}

describe('useWorkspace', () => {
  it('lists entries live, local and remote, trashed ones flagged', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useWorkspace('team'), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.synced).toBe(true), { timeout: 10_000 })
    expect(result.current.entries).toEqual([])

    let id = ''
    act(() => {
      id = result.current.workspace!.create({ kind: 'doc', title: 'Plan' }).id
    })
    expect(result.current.entries.map((entry) => entry.title)).toEqual(['Plan'])

    // A change from someone else arrives through the server.
    const other = await server.client('Grace')
    const handle = other.open('workspace:team')
    await handle.whenSynced
    await waitFor(() => expect(workspaceDoc(handle.doc).get(id)).not.toBeNull(), {
      timeout: 10_000,
    })
    workspaceDoc(handle.doc).rename(id, 'Plan v2')
    workspaceDoc(handle.doc).trash(id)
    // Two transactions, two updates: wait for both, they may arrive one render apart.
    await waitFor(
      () => {
        expect(result.current.entries[0]).toMatchObject({ title: 'Plan v2' })
        expect(result.current.entries[0]?.trashed).not.toBeNull()
      },
      { timeout: 10_000 },
    )
    handle.release()
  })

  it('refuses bad input with a typed error and changes nothing', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useWorkspace('strict'), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.loaded).toBe(true))
    const workspace = result.current.workspace!
    expect(() => workspace.create({ kind: 'doc', title: 'x'.repeat(500) })).toThrow(TandemError)
    expect(() => workspace.rename('missing', 'title')).toThrow(TandemError)
    expect(result.current.entries).toEqual([])
  })

  it('reports an invalid workspace id as a typed error instead of throwing', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useWorkspace('not valid!'), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.error?.code).toBe('invalid-document-name'))
    expect(result.current.workspace).toBeNull()
    expect(result.current.entries).toEqual([])
  })
})
