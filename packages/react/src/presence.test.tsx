import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import type { TandemClient } from '@tandem/client'
import { startTestServer, type TestServer } from '../test/support.js'
import { TandemProvider } from './TandemProvider.js'
import { useDocument } from './useDocument.js'
import { usePresence } from './usePresence.js'
import { useLocalPresence } from './useLocalPresence.js'

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

const ADA = { id: 'u-ada', name: 'Ada', color: '#ff0000' }

describe('usePresence / useLocalPresence', () => {
  it('lists peers live: arrival, status changes and departure', async () => {
    const mine = await server.client('Grace')
    const theirs = await server.client('Ada')
    const { result } = renderHook(
      () => {
        const { handle } = useDocument('doc:presence')
        return usePresence(handle)
      },
      { wrapper: wrapperFor(mine) },
    )
    expect(result.current).toEqual([])

    const other = renderHook(
      ({ status }: { status: 'online' | 'away' | 'busy' }) => {
        const { handle } = useDocument('doc:presence')
        useLocalPresence(handle, { user: ADA, status })
      },
      {
        wrapper: wrapperFor(theirs),
        initialProps: { status: 'online' as const } as { status: 'online' | 'away' | 'busy' },
      },
    )
    await waitFor(() => expect(result.current.map((peer) => peer.user.name)).toEqual(['Ada']), {
      timeout: 10_000,
    })
    expect(result.current[0]).toMatchObject({ user: ADA, status: 'online', isSelf: false })

    other.rerender({ status: 'away' })
    await waitFor(() => expect(result.current[0]?.status).toBe('away'), { timeout: 10_000 })

    // Offline, nobody else can be seen from here: their last states are not shown as present.
    act(() => mine.disconnect())
    await waitFor(() => expect(result.current).toEqual([]))
    act(() => mine.connect())
    // Back online, peers show again as their states arrive. (A peer whose state did not change
    // reappears only with its next awareness renewal: y-protocols ignores a state whose clock it
    // has seen, even after removing it on disconnect. Reported to the client package.)
    other.rerender({ status: 'busy' })
    await waitFor(
      () =>
        expect(result.current.map((peer) => [peer.user.name, peer.status])).toEqual([
          ['Ada', 'busy'],
        ]),
      {
        timeout: 10_000,
      },
    )

    // Releasing the document withdraws the awareness state: the peer leaves at once.
    other.unmount()
    await waitFor(() => expect(result.current).toEqual([]), { timeout: 10_000 })
  })

  it('includes this tab only when asked, and skips states without a valid user', async () => {
    const client = await server.client('Ada')
    const { result } = renderHook(
      () => {
        const { handle } = useDocument('doc:presence-self')
        useLocalPresence(handle, { user: ADA, status: 'busy' })
        return {
          all: usePresence(handle, { includeSelf: true }),
          others: usePresence(handle),
          handle,
        }
      },
      { wrapper: wrapperFor(client) },
    )
    await waitFor(() => expect(result.current.all).toHaveLength(1))
    expect(result.current.all[0]).toMatchObject({ isSelf: true, status: 'busy', user: ADA })
    expect(result.current.others).toEqual([])

    // Garbage in awareness (another client's bug) is ignored, not rendered.
    act(() => result.current.handle?.awareness.setLocalStateField('user', { name: 42 }))
    await waitFor(() => expect(result.current.all).toEqual([]))
  })

  it('announces nothing for an invisible user (user: null)', async () => {
    const watcher = await server.client('Watcher')
    const hidden = await server.client('Hidden')
    const { result } = renderHook(
      () => {
        const { handle } = useDocument('doc:presence-invisible')
        return usePresence(handle)
      },
      { wrapper: wrapperFor(watcher) },
    )
    const other = renderHook(
      ({ user }: { user: typeof ADA | null }) => {
        const { handle } = useDocument('doc:presence-invisible')
        useLocalPresence(handle, { user })
        return handle
      },
      { wrapper: wrapperFor(hidden), initialProps: { user: ADA as typeof ADA | null } },
    )
    await waitFor(() => expect(result.current).toHaveLength(1), { timeout: 10_000 })
    other.rerender({ user: null })
    await waitFor(() => expect(result.current).toEqual([]), { timeout: 10_000 })
    expect(other.result.current?.awareness.getLocalState()).toBeNull()
    other.rerender({ user: ADA })
    await waitFor(() => expect(result.current.map((peer) => peer.user.name)).toEqual(['Ada']), {
      timeout: 10_000,
    })
  })
})
