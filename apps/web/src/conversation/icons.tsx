/** The small line icons of the comments and chat UI (decorative: buttons carry the names). */
function Icon({ size = 16, children }: { size?: number; children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 20 20" width={size} height={size} aria-hidden="true">
      {children}
    </svg>
  )
}

const LINE = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const

export const CommentIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path
      d="M4 4h12a1 1 0 011 1v8a1 1 0 01-1 1H9l-4 3v-3H4a1 1 0 01-1-1V5a1 1 0 011-1zM10 6.5v5M7.5 9h5"
      {...LINE}
    />
  </Icon>
)

export const ThreadsIcon = () => (
  <Icon>
    <path
      d="M3 4h10a1 1 0 011 1v6a1 1 0 01-1 1H8l-3 2.5V12H3a1 1 0 01-1-1V5a1 1 0 011-1zm13 3h1a1 1 0 011 1v6a1 1 0 01-1 1h-1v2l-2.5-2H10"
      {...LINE}
      strokeWidth={1.5}
    />
  </Icon>
)

export const ChatIcon = () => (
  <Icon>
    <path
      d="M10 3c4.4 0 8 2.9 8 6.5S14.4 16 10 16c-.9 0-1.8-.1-2.6-.4L3.5 17l1.2-3.1C3.6 12.7 2 11.2 2 9.5 2 5.9 5.6 3 10 3z"
      {...LINE}
    />
  </Icon>
)

export const SendIcon = () => (
  <Icon>
    <path d="M3 10l14-7-5 14-2-6-7-1z" fill="currentColor" />
  </Icon>
)

export const CloseIcon = () => (
  <Icon size={18}>
    <path d="M5 5l10 10M15 5L5 15" {...LINE} strokeWidth={1.8} />
  </Icon>
)

export const ResolveIcon = () => (
  <Icon>
    <path d="M4 10.5l4 4 8-9" {...LINE} strokeWidth={2} />
  </Icon>
)

export const ReopenIcon = () => (
  <Icon>
    <path d="M4 10a6 6 0 1 0 2-4.5M4 3v3h3" {...LINE} strokeWidth={1.8} />
  </Icon>
)

export const EditIcon = () => (
  <Icon size={15}>
    <path
      d="M4 13.5V16h2.5l7.4-7.4-2.5-2.5L4 13.5zM15.7 6.8a.9.9 0 000-1.3l-1.2-1.2a.9.9 0 00-1.3 0l-1 1 2.5 2.5 1-1z"
      fill="currentColor"
    />
  </Icon>
)

export const DeleteIcon = () => (
  <Icon size={15}>
    <path
      d="M7 3h6l1 1h3v2H3V4h3l1-1zm-2 4h10l-.8 9.2a1 1 0 01-1 .8H6.8a1 1 0 01-1-.8L5 7z"
      fill="currentColor"
    />
  </Icon>
)
