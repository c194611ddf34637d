import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { useActivityStatus } from './useActivityStatus.js'

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('useActivityStatus', () => {
  afterEach(() => {
    // Unmount, so no idle timer fires after the test environment is gone.
    cleanup()
    setVisibility('visible')
  })

  it('turns away after the idle time and back online on input', async () => {
    const { result } = renderHook(() => useActivityStatus({ idleMs: 50 }))
    expect(result.current).toBe('online')
    await waitFor(() => expect(result.current).toBe('away'))
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    })
    expect(result.current).toBe('online')
  })

  it('is away while the tab is hidden, whatever the input', () => {
    const { result } = renderHook(() => useActivityStatus({ idleMs: 60_000 }))
    act(() => setVisibility('hidden'))
    expect(result.current).toBe('away')
    act(() => {
      window.dispatchEvent(new Event('pointermove'))
    })
    expect(result.current).toBe('away')
    act(() => setVisibility('visible'))
    expect(result.current).toBe('online')
  })

  it('busy wins over online and away', async () => {
    const { result, rerender } = renderHook(
      ({ busy }) => ({
        chosen: useActivityStatus({ idleMs: 50, busy }),
        plain: useActivityStatus({ idleMs: 50 }),
      }),
      { initialProps: { busy: true } },
    )
    expect(result.current.chosen).toBe('busy')
    // Once the idle time has certainly passed (the plain one turned away) busy still holds.
    await waitFor(() => expect(result.current.plain).toBe('away'))
    expect(result.current.chosen).toBe('busy')
    rerender({ busy: false })
    expect(result.current.chosen).toBe('away')
  })
})
