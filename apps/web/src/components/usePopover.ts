import { useEffect, useRef, useState } from 'react'

/**
 * Open state for a popover (menu, panel) anchored in an element: Escape or a pointer press
 * outside the element closes it. Returns the state, its setter and the ref for the element.
 */
export function usePopover<T extends HTMLElement>() {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<T>(null)
  useEffect(() => {
    if (!open) return
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return
      if (event instanceof PointerEvent && rootRef.current?.contains(event.target as Node)) return
      setOpen(false)
    }
    window.addEventListener('pointerdown', close)
    window.addEventListener('keydown', close)
    return () => {
      window.removeEventListener('pointerdown', close)
      window.removeEventListener('keydown', close)
    }
  }, [open])
  return { open, setOpen, rootRef }
}
