import type { ReactNode } from 'react'
import type { ToolId } from './tools.js'

const PATHS: Record<ToolId, ReactNode> = {
  select: <path d="M5 3l13 8-6 1.5L9 19z" />,
  hand: (
    <path d="M8 12V5.5a1.5 1.5 0 013 0V11m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v7a7 7 0 01-7 7h-.5a6 6 0 01-5-2.7L3 13a1.5 1.5 0 012.5-1.6L8 14" />
  ),
  rectangle: <rect x="4" y="6" width="16" height="12" rx="1" />,
  ellipse: <ellipse cx="12" cy="12" rx="8.5" ry="6.5" />,
  diamond: <path d="M12 3l9 9-9 9-9-9z" />,
  arrow: <path d="M5 19L19 5m0 0h-8m8 0v8" />,
  line: <path d="M5 19L19 5" />,
  draw: <path d="M4 17c3-7 5-9 7-5s4 3 9-6" />,
  sticky: <path d="M5 4h14v10l-6 6H5zm8 16v-6h6" />,
  text: <path d="M6 6h12M12 6v13m-3 0h6" />,
  eraser: <path d="M9 20h11M4.5 15.5l9-9a2 2 0 012.8 0l2.2 2.2a2 2 0 010 2.8L11 19H8z" />,
}

/** The toolbar icon of a tool (decorative: the button carries the name). */
export function ToolIcon({ tool }: { tool: ToolId }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <g
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {PATHS[tool]}
      </g>
    </svg>
  )
}
