import type { ReactNode } from 'react'

/** Props of {@link ToolbarButton}. */
export interface ToolbarButtonProps {
  /** Accessible name; also the tooltip, followed by the shortcut when there is one. */
  label: string
  /** Shortcut hint such as `Ctrl+B`. @default undefined */
  shortcut?: string
  /** Toggle buttons say whether they are on (aria-pressed); plain buttons pass undefined. */
  pressed?: boolean
  /** @default false */
  disabled?: boolean
  onClick: () => void
  children: ReactNode
}

/** One toolbar button. Mouse down is prevented so the editor keeps its selection. */
export function ToolbarButton({
  label,
  shortcut,
  pressed,
  disabled = false,
  onClick,
  children,
}: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className="tandem-toolbar__button"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  )
}
