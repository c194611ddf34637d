import {
  forwardRef,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import {
  encodeMentions,
  insertMention,
  matchMembers,
  mentionQuery,
  type Mentionable,
  type MentionQuery,
} from './mentions.js'

/** Props of {@link MentionTextarea}. */
export interface MentionTextareaProps {
  /** Who can be mentioned (the workspace members). */
  members: readonly Mentionable[]
  /** Called with the body to store (mentions as `<@id>`) on Enter; return false to keep the text. */
  onSubmit: (body: string) => boolean | void
  /** Escape with no suggestions open. @default undefined */
  onCancel?: () => void
  /** Called on every change of the text (typing indicators). @default undefined */
  onInput?: (text: string) => void
  /** Starting text in its editable form, and the members it mentions. @default '' / [] */
  initialText?: string
  initialPicked?: readonly Mentionable[]
  /** Accessible name of the text box. */
  label: string
  /** @default undefined */
  placeholder?: string
  /** @default false */
  autoFocus?: boolean
  /** @default false */
  disabled?: boolean
  /** Most lines the box grows to before it scrolls. @default 8 */
  maxRows?: number
  /** Where the suggestions open: above suits a composer at the bottom of a panel. @default 'above' */
  suggestions?: 'above' | 'below'
}

/** Imperative handle of {@link MentionTextarea}: what a separate send button needs. */
export interface MentionTextareaHandle {
  /** Submits the current text, as Enter does. */
  submit(): void
  focus(): void
  /** The text as typed (`@Name` form). */
  readonly text: string
}

/**
 * A growing text box with @mention autocomplete (a WAI-ARIA combobox): type `@` and a few
 * letters, pick with the arrows and Enter or Tab, or click. Enter submits, Shift+Enter is a
 * new line. The picked mentions are stored as `<@id>` tokens.
 */
export const MentionTextarea = forwardRef<MentionTextareaHandle, MentionTextareaProps>(
  function MentionTextarea(props, ref) {
    const { members, label, placeholder, autoFocus, disabled, maxRows = 8 } = props
    const [text, setText] = useState(props.initialText ?? '')
    const [picked, setPicked] = useState<readonly Mentionable[]>(props.initialPicked ?? [])
    const [query, setQuery] = useState<MentionQuery | null>(null)
    const [highlight, setHighlight] = useState(0)
    const box = useRef<HTMLTextAreaElement>(null)
    const pendingCaret = useRef<number | null>(null)
    const listId = useId()
    const suggestions = query ? matchMembers(members, query.query) : []
    const open = suggestions.length > 0

    useLayoutEffect(() => {
      const el = box.current
      if (!el) return
      el.style.height = 'auto'
      const line = parseFloat(getComputedStyle(el).lineHeight) || 20
      el.style.height = `${Math.min(el.scrollHeight, line * maxRows + 16)}px`
      if (pendingCaret.current !== null) {
        el.setSelectionRange(pendingCaret.current, pendingCaret.current)
        pendingCaret.current = null
      }
    }, [text, maxRows])

    const change = (next: string, caret: number) => {
      setText(next)
      setQuery(mentionQuery(next, caret))
      setHighlight(0)
      props.onInput?.(next)
    }

    const pick = (member: Mentionable) => {
      const el = box.current
      if (!el || !query) return
      const result = insertMention(text, query, el.selectionStart, member)
      setPicked((list) => (list.some((m) => m.id === member.id) ? list : [...list, member]))
      pendingCaret.current = result.caret
      change(result.text, result.caret)
      setQuery(null)
      el.focus()
    }

    const submit = () => {
      if (!text.trim() || disabled) return
      if (props.onSubmit(encodeMentions(text, picked)) === false) return
      setText('')
      setPicked([])
      setQuery(null)
    }

    useImperativeHandle(ref, () => ({ submit, focus: () => box.current?.focus(), text }))

    const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (event.nativeEvent.isComposing) return // IME: Enter confirms the composition
      if (open) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault()
          const step = event.key === 'ArrowDown' ? 1 : -1
          setHighlight((i) => (i + step + suggestions.length) % suggestions.length)
          return
        }
        if (event.key === 'Enter' || event.key === 'Tab') {
          event.preventDefault()
          const member = suggestions[highlight]
          if (member) pick(member)
          return
        }
        if (event.key === 'Escape') {
          event.preventDefault()
          setQuery(null)
          return
        }
      }
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault()
        submit()
      } else if (event.key === 'Escape' && props.onCancel) {
        event.preventDefault()
        props.onCancel()
      }
    }

    return (
      <div className="tandem-mention-input">
        <textarea
          ref={box}
          rows={1}
          value={text}
          aria-label={label}
          placeholder={placeholder}
          autoFocus={autoFocus}
          disabled={disabled}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${highlight}` : undefined}
          onChange={(event) => change(event.target.value, event.target.selectionStart)}
          onSelect={(event) =>
            setQuery(mentionQuery(event.currentTarget.value, event.currentTarget.selectionStart))
          }
          onBlur={() => setQuery(null)}
          onKeyDown={onKeyDown}
        />
        {open ? (
          <ul
            className={`tandem-mention-list tandem-mention-list--${props.suggestions ?? 'above'}`}
            role="listbox"
            id={listId}
            aria-label="People"
          >
            {suggestions.map((member, i) => (
              <li
                key={member.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === highlight}
                className="tandem-mention-option"
                // mousedown, not click: a click would blur the box (closing the list) first.
                onMouseDown={(event) => {
                  event.preventDefault()
                  pick(member)
                }}
              >
                <span
                  className="tandem-mention-dot"
                  style={{ backgroundColor: member.color ?? '#888' }}
                  aria-hidden="true"
                />
                {member.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    )
  },
)
