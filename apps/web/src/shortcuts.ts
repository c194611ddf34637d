import { useEffect } from 'react'
import { navigate } from './routing/router.js'
import { useAppWorkspace } from './workspace.js'

/** Id of the search field that "/" focuses. */
export const SEARCH_INPUT_ID = 'workspace-search'

/** The app's keyboard shortcuts, listed in the help dialog. */
export const SHORTCUTS = [
  { keys: ['Mod', 'Alt', 'N'], label: 'New document' },
  { keys: ['Mod', 'Alt', 'B'], label: 'New board' },
  { keys: ['Mod', 'Alt', 'M'], label: 'Comment on the selected text' },
  { keys: ['/'], label: 'Search documents' },
  { keys: ['?'], label: 'Show keyboard shortcuts' },
  { keys: ['Esc'], label: 'Close dialog, leave search' },
] as const

/** True when keys typed now go into a text field or the editor, not to the app. */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Installs the global shortcuts of {@link SHORTCUTS}. */
export function useShortcuts({ onHelp }: { onHelp: () => void }): void {
  const { createItem } = useAppWorkspace()

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey
      // event.code: with Alt held, macOS turns the letter into a symbol (⌥N is "˜").
      if (mod && event.altKey && (event.code === 'KeyN' || event.code === 'KeyB')) {
        event.preventDefault()
        createItem?.(event.code === 'KeyN' ? 'doc' : 'board')
        return
      }
      if (mod || event.altKey || typingInField(event.target)) return
      if (event.key === '/') {
        event.preventDefault()
        focusSearch()
      } else if (event.key === '?') {
        event.preventDefault()
        onHelp()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [createItem, onHelp])
}

function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID)
  if (input) {
    input.focus()
    return
  }
  // Search lives on the home page: go there, then focus once it rendered.
  navigate('/')
  requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus())
}
