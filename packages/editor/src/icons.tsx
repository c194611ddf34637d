import type { ReactElement } from 'react'

/*
 * Toolbar icons as inline SVG (24px grid, 2px strokes, currentColor), so the toolbar needs no
 * icon font and no emoji font: emoji glyphs render as empty boxes on machines without one.
 */
const PATHS = {
  undo: (
    <>
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </>
  ),
  redo: (
    <>
      <path d="m15 14 5-5-5-5" />
      <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
    </>
  ),
  bold: <path d="M6 12h9a4 4 0 0 1 0 8H6V4h8a4 4 0 0 1 0 8" />,
  italic: <path d="M19 4h-9M14 20H5M15 4 9 20" />,
  strike: (
    <>
      <path d="M16 4H9a3 3 0 0 0-2.83 4" />
      <path d="M14 12a4 4 0 0 1 0 8H6" />
      <path d="M4 12h16" />
    </>
  ),
  code: <path d="m16 18 6-6-6-6M8 6l-6 6 6 6" />,
  link: (
    <>
      <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
      <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
    </>
  ),
  quote: <path d="M17 6H3M21 12H8M21 18H8M3 12v6" />,
  codeBlock: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="m10 9-3 3 3 3M14 15l3-3-3-3" />
    </>
  ),
  bulletList: <path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" />,
  orderedList: <path d="M10 6h11M10 12h11M10 18h11M4 6h1v4M4 10h2M6 18H4c0-1 2-2 2-3s-1-1.5-2-1" />,
  taskList: (
    <>
      <rect x="3" y="5" width="6" height="6" rx="1" />
      <path d="m3 17 2 2 4-4M13 6h8M13 12h8M13 18h8" />
    </>
  ),
  image: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="9" cy="9" r="2" />
      <path d="m21 15-3.09-3.09a2 2 0 0 0-2.82 0L6 21" />
    </>
  ),
  table: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="M3 9h18M3 15h18M9 3v18M15 3v18" />
    </>
  ),
  rowAbove: (
    <>
      <rect x="3" y="13" width="18" height="8" rx="1" />
      <path d="M12 3v7M8.5 6.5h7" />
    </>
  ),
  rowBelow: (
    <>
      <rect x="3" y="3" width="18" height="8" rx="1" />
      <path d="M12 14v7M8.5 17.5h7" />
    </>
  ),
  deleteRow: (
    <>
      <rect x="3" y="8" width="18" height="8" rx="1" />
      <path d="m10 10 4 4M14 10l-4 4" />
    </>
  ),
  columnLeft: (
    <>
      <rect x="13" y="3" width="8" height="18" rx="1" />
      <path d="M3 12h7M6.5 8.5v7" />
    </>
  ),
  columnRight: (
    <>
      <rect x="3" y="3" width="8" height="18" rx="1" />
      <path d="M14 12h7M17.5 8.5v7" />
    </>
  ),
  deleteColumn: (
    <>
      <rect x="8" y="3" width="8" height="18" rx="1" />
      <path d="m10 10 4 4M14 10l-4 4" />
    </>
  ),
  headerRow: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="M3 9h18M9 9v12M15 9v12" />
      <path d="M3 6h18" strokeWidth="4" />
    </>
  ),
  deleteTable: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="m9 9 6 6M15 9l-6 6" />
    </>
  ),
} satisfies Record<string, ReactElement>

/** Name of a toolbar icon. */
export type IconName = keyof typeof PATHS

/** A decorative toolbar icon (the button carries the accessible name). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="tandem-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  )
}
