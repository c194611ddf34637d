import { useEffect, useRef } from 'react'
import { BOARD_SHORTCUTS } from '@tandem/whiteboard'
import { SHORTCUTS } from '../shortcuts.js'

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

function keyLabel(key: string): string {
  if (key === 'Mod') return IS_MAC ? '⌘' : 'Ctrl'
  if (key === 'Alt') return IS_MAC ? '⌥' : 'Alt'
  return key
}

/** Modal list of the keyboard shortcuts (native <dialog>: focus trap and Esc for free). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <ShortcutList shortcuts={SHORTCUTS} />
      <h3>On a board</h3>
      <ShortcutList shortcuts={BOARD_SHORTCUTS} />
      <form method="dialog">
        <button type="submit" className="button">
          Close
        </button>
      </form>
    </dialog>
  )
}

function ShortcutList({
  shortcuts,
}: {
  shortcuts: readonly { keys: readonly string[]; label: string }[]
}) {
  return (
    <dl className="shortcuts">
      {shortcuts.map((shortcut) => (
        <div key={shortcut.label}>
          <dt>
            {shortcut.keys.map((key) => (
              <kbd key={key}>{keyLabel(key)}</kbd>
            ))}
          </dt>
          <dd>{shortcut.label}</dd>
        </div>
      ))}
    </dl>
  )
}
