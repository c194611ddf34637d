import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import type { DocHandle } from '@tandem/client'
import { boardDoc } from '@tandem/schema'
import { Whiteboard, type BoardDocument } from './Whiteboard.js'
import type { BoardView } from './view.js'

afterEach(() => cleanup())

// Compile-time contract (tsconfig.test.json): a @tandem/client DocHandle is a BoardDocument.
type DocHandleFits = DocHandle extends BoardDocument ? true : never
const docHandleFits: DocHandleFits = true
void docHandleFits

const TOOL_SHORTCUTS: [string, string][] = [
  ['Select', 'V'],
  ['Hand', 'H'],
  ['Rectangle', 'R'],
  ['Ellipse', 'O'],
  ['Arrow', 'A'],
  ['Draw', 'D'],
  ['Sticky note', 'N'],
  ['Text', 'T'],
  ['Eraser', 'E'],
]

describe('<Whiteboard>', () => {
  it('has a canvas surface and the tools with their accessible names and shortcuts', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    let view: BoardView | null = null
    // StrictMode mounts, unmounts and mounts again: the board must still work after that.
    render(
      <StrictMode>
        <Whiteboard
          doc={doc}
          awareness={awareness}
          user={{ id: 'u', name: 'Ada', color: '#e5484d' }}
          onReady={(v) => (view = v)}
        />
      </StrictMode>,
    )
    expect(screen.getByLabelText('Board').tagName).toBe('CANVAS')
    for (const [name, key] of TOOL_SHORTCUTS) {
      expect(screen.getByRole('button', { name }).getAttribute('aria-keyshortcuts')).toBe(key)
    }
    expect(screen.getByRole('button', { name: 'Export' })).toBeTruthy()
    expect((awareness.getLocalState() as { user: unknown }).user).toEqual({
      id: 'u',
      name: 'Ada',
      color: '#e5484d',
    })

    fireEvent.click(screen.getByRole('button', { name: 'Rectangle' }))
    expect(screen.getByRole('button', { name: 'Rectangle' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    fireEvent.keyDown(screen.getByLabelText('Board'), { key: 'e' })
    expect(screen.getByRole('button', { name: 'Eraser' }).getAttribute('aria-pressed')).toBe('true')

    // A shape selected by a remote change shows the arrange actions; styling applies to it.
    const shape = boardDoc(doc).add({ type: 'rectangle', w: 10, h: 10 })
    expect(view!.scene.get(shape.id)).not.toBeNull()
    act(() => view!.setSelection([shape.id]))
    fireEvent.click(screen.getByRole('radio', { name: 'Light green' }))
    expect(boardDoc(doc).get(shape.id)?.fill).toBe('#b2f2bb')
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(boardDoc(doc).list()).toEqual([])
  })

  it('read-only: only Select and Hand, no style panel, and nothing written', () => {
    const doc = new Y.Doc()
    render(<Whiteboard doc={doc} readOnly />)
    expect(screen.queryByRole('button', { name: 'Rectangle' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Hand' })).toBeTruthy()
    expect(screen.queryByRole('radiogroup', { name: 'Fill' })).toBeNull()
    fireEvent.keyDown(screen.getByLabelText('Board'), { key: 'r' })
    expect(screen.getByRole('button', { name: 'Select' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('refuses to render without a document', () => {
    expect(() => render(<Whiteboard />)).toThrow(TypeError)
  })
})
