import { useEffect, useState } from 'react'
import type { PresenceStatus } from '@tandem/react'

/** Options of {@link useActivityStatus}. */
export interface ActivityOptions {
  /**
   * Time without input after which the user shows as away.
   * @default 60_000
   */
  idleMs?: number
  /**
   * The user said "do not disturb"; wins over online and away.
   * @default false
   */
  busy?: boolean
}

const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'focus',
] as const

/**
 * This user's presence status: busy when they chose it, away when the tab is hidden or idle
 * for `idleMs`, online otherwise.
 */
export function useActivityStatus(options: ActivityOptions = {}): PresenceStatus {
  const idleMs = options.idleMs ?? 60_000
  const [away, setAway] = useState(() => document.visibilityState === 'hidden')

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const armIdleTimer = () => {
      clearTimeout(timer)
      timer = setTimeout(() => setAway(true), idleMs)
    }
    const onActivity = () => {
      if (document.visibilityState === 'hidden') return
      setAway(false)
      armIdleTimer()
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        clearTimeout(timer)
        setAway(true)
      } else onActivity()
    }
    armIdleTimer()
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true })
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      clearTimeout(timer)
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [idleMs])

  if (options.busy) return 'busy'
  return away ? 'away' : 'online'
}
