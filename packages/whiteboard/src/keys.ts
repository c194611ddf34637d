import { TOOLS } from './tools.js'
import type { BoardView } from './view.js'

/** Keyboard shortcuts of the board, for the help text and the README. */
export const BOARD_SHORTCUTS = [
  ...TOOLS.map((tool) => ({ keys: [tool.key.toUpperCase()], label: tool.label })),
  { keys: ['Delete'], label: 'Delete the selection' },
  { keys: ['Mod', 'D'], label: 'Duplicate' },
  { keys: ['Mod', 'A'], label: 'Select all' },
  { keys: [']'], label: 'Bring to front' },
  { keys: ['['], label: 'Send to back' },
  { keys: ['Arrows'], label: 'Nudge (Shift: 10 units)' },
  { keys: ['Mod', 'Z'], label: 'Undo' },
  { keys: ['Mod', 'Shift', 'Z'], label: 'Redo' },
  { keys: ['Shift', '1'], label: 'Zoom to fit' },
  { keys: ['Mod', '0'], label: 'Zoom to 100 %' },
  { keys: ['Mod', '+'], label: 'Zoom in' },
  { keys: ['Mod', '-'], label: 'Zoom out' },
  { keys: ['Esc'], label: 'Select tool, clear the selection' },
] as const

const NUDGE: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/**
 * Handles a key pressed while the board has focus; returns true when it was a board shortcut
 * (the caller then prevents the default). Listening on the board, not the window, keeps the
 * letters free for the host app and its text fields.
 */
export function handleBoardKey(view: BoardView, event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key
  if (mod) {
    switch (key.toLowerCase()) {
      case 'z':
        if (event.shiftKey) view.redo()
        else view.undo()
        return true
      case 'y':
        view.redo()
        return true
      case 'd':
        view.duplicateSelection()
        return true
      case 'a':
        view.setTool('select')
        view.setSelection(view.scene.shapes().map((shape) => shape.id))
        return true
      case '0':
        view.resetZoom()
        return true
      case '=':
      case '+':
        view.zoomBy(1.25)
        return true
      case '-':
        view.zoomBy(0.8)
        return true
      default:
        return false
    }
  }
  if (event.altKey) return false
  const nudge = NUDGE[key]
  if (nudge) {
    const step = event.shiftKey ? 10 : 1
    view.nudge(nudge[0] * step, nudge[1] * step)
    return true
  }
  if (key === '!' || (event.shiftKey && event.code === 'Digit1')) {
    view.zoomToFit()
    return true
  }
  if (key === 'Delete' || key === 'Backspace') {
    view.deleteSelection()
    return true
  }
  if (key === 'Escape') {
    view.setTool('select')
    view.setSelection([])
    return true
  }
  if (key === ']') {
    view.bringToFront()
    return true
  }
  if (key === '[') {
    view.sendToBack()
    return true
  }
  if (event.shiftKey) return false
  const tool = TOOLS.find((t) => t.key === key.toLowerCase())
  if (tool) {
    view.setTool(tool.id)
    return true
  }
  return false
}
