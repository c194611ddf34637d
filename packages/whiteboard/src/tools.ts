/** Every tool of the board's toolbar. */
export const TOOLS = [
  { id: 'select', label: 'Select', key: 'v' },
  { id: 'hand', label: 'Hand', key: 'h' },
  { id: 'rectangle', label: 'Rectangle', key: 'r' },
  { id: 'ellipse', label: 'Ellipse', key: 'o' },
  // Diamond has no letter in tldraw; Excalidraw's (D) is taken by Draw here.
  { id: 'diamond', label: 'Diamond', key: 'g' },
  { id: 'arrow', label: 'Arrow', key: 'a' },
  { id: 'line', label: 'Line', key: 'l' },
  { id: 'draw', label: 'Draw', key: 'd' },
  { id: 'sticky', label: 'Sticky note', key: 'n' },
  { id: 'text', label: 'Text', key: 't' },
  { id: 'eraser', label: 'Eraser', key: 'e' },
] as const

/** A tool id. */
export type ToolId = (typeof TOOLS)[number]['id']

/** Stroke colours of the style panel (Excalidraw's palette). */
export const STROKE_COLORS = [
  { value: '#1e1e1e', label: 'Black' },
  { value: '#e03131', label: 'Red' },
  { value: '#2f9e44', label: 'Green' },
  { value: '#1971c2', label: 'Blue' },
  { value: '#f08c00', label: 'Orange' },
  { value: '#9c36b5', label: 'Violet' },
] as const

/** Fills of the style panel; 'none' is transparent. */
export const FILL_COLORS = [
  { value: 'none', label: 'No fill' },
  { value: '#ffc9c9', label: 'Light red' },
  { value: '#b2f2bb', label: 'Light green' },
  { value: '#a5d8ff', label: 'Light blue' },
  { value: '#ffec99', label: 'Light yellow' },
] as const

/** Stroke widths of the style panel. */
export const STROKE_WIDTHS = [
  { value: 2, label: 'Thin' },
  { value: 4, label: 'Bold' },
  { value: 8, label: 'Extra bold' },
] as const

/** The style new shapes get, and that the panel applies to the selection. */
export interface ShapeStyle {
  readonly stroke: string
  readonly fill: string
  readonly strokeWidth: number
}
