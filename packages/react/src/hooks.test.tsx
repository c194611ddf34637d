import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { act, render, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import type { TandemClient } from '@tandem/client'
import { startTestServer, type TestServer } from '../test/support.js'
import { TandemProvider, useClient } from './TandemProvider.js'
import { useDocument } from './useDocument.js'
import { useStatus } from './useStatus.js'

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

describe('TandemProvider / useClient', () => {
  it('gives the client to hooks below it', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useClient(), { wrapper: wrapperFor(client) })
    expect(result.current).toBe(client)
  })

  it('throws a clear error without a provider', () => {
    function Orphan() {
      useClient()
      return null
    }
    const onError = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', onError)
    try {
      expect(() => render(<Orphan />)).toThrow(/no <TandemProvider/)
    } finally {
      window.removeEventListener('error', onError)
    }
  })
})

describe('useStatus', () => {
  it('goes online, counts unsynced changes and returns to zero once stored', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useStatus(), { wrapper: wrapperFor(client) })
    const handle = client.open('doc:status-test')
    await waitFor(() => expect(result.current.connection).toBe('online'), { timeout: 10_000 })
    await handle.whenSynced
    act(() => handle.doc.getMap('meta').set('title', 'counted'))
    await waitFor(() => expect(result.current.unsynced).toBe(0), { timeout: 10_000 })
    handle.release()
  })

  it('reports offline when the client disconnects', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useStatus(), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.connection).toBe('online'), { timeout: 10_000 })
    act(() => client.disconnect())
    await waitFor(() => expect(result.current.connection).not.toBe('online'))
  })
})

describe('useDocument', () => {
  it('opens on mount, loads and syncs, and releases on unmount', async () => {
    const writer = await server.client('Writer')
    const seeded = writer.open('doc:hook-open')
    await seeded.whenSynced
    seeded.doc.getMap('meta').set('title', 'from the server')

    const client = await server.client('Reader')
    const { result, unmount } = renderHook(() => useDocument('doc:hook-open'), {
      wrapper: wrapperFor(client),
    })
    await waitFor(() => expect(result.current.synced).toBe(true), { timeout: 10_000 })
    expect(result.current.loaded).toBe(true)
    expect(result.current.readOnly).toBe(false)
    const doc = result.current.doc
    await waitFor(() => expect(doc?.getMap('meta').get('title')).toBe('from the server'))

    // Ref-counted: while the hook holds it, open() hands out the same Y.Doc ...
    const again = client.open('doc:hook-open')
    expect(again.doc).toBe(doc)
    again.release()
    unmount()
    // ... and once released by everyone (the client closes it a microtask later), a new one.
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    const fresh = client.open('doc:hook-open')
    expect(fresh.doc).not.toBe(doc)
    fresh.release()
    seeded.release()
  })

  it('opens nothing for null and switches documents when the name changes', async () => {
    const client = await server.client('Ada')
    const { result, rerender } = renderHook(
      ({ name }: { name: string | null }) => useDocument(name),
      {
        wrapper: wrapperFor(client),
        initialProps: { name: null as string | null },
      },
    )
    expect(result.current.doc).toBeNull()
    rerender({ name: 'doc:first' })
    await waitFor(() => expect(result.current.handle?.name).toBe('doc:first'))
    const first = result.current.doc
    rerender({ name: 'doc:second' })
    // Never the old document under the new name, not even for one render.
    expect(result.current.doc === null || result.current.handle?.name === 'doc:second').toBe(true)
    await waitFor(() => expect(result.current.handle?.name).toBe('doc:second'))
    expect(result.current.doc).not.toBe(first)
  })

  it('reports an invalid name as a typed error and opens nothing', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(() => useDocument('not-a-document'), {
      wrapper: wrapperFor(client),
    })
    await waitFor(() => expect(result.current.error?.code).toBe('invalid-document-name'))
    expect(result.current.handle).toBeNull()
    expect(result.current.doc).toBeNull()
  })
})
