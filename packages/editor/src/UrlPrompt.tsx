import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { EditorResult } from './errors.js'

/** Props of {@link UrlPrompt}. */
export interface UrlPromptProps {
  /** Dialog title and accessible name, e.g. "Insert link". */
  title: string
  /** Label of the address field. */
  urlLabel: string
  /** Prefilled address (the current link when editing one). @default '' */
  initialUrl?: string
  /** Show an alt-text field (images). @default false */
  withAlt?: boolean
  /** Label of the confirm button. @default 'Apply' */
  submitLabel?: string
  /** Applies the input; an error result keeps the dialog open and shows its message. */
  onSubmit: (url: string, alt: string) => EditorResult<unknown>
  /** Extra action, e.g. "Remove link". @default undefined */
  secondary?: { label: string; onClick: () => void }
  onClose: () => void
}

/**
 * A small non-modal dialog asking for an address. Refused input stays in the field with the
 * reason shown next to it (role="alert", announced by screen readers); nothing changes until
 * the input is accepted. Escape closes.
 */
export function UrlPrompt(props: UrlPromptProps) {
  const {
    title,
    urlLabel,
    initialUrl = '',
    withAlt = false,
    submitLabel = 'Apply',
    secondary,
    onClose,
  } = props
  const [url, setUrl] = useState(initialUrl)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const ids = useId()

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = props.onSubmit(url, alt)
    if (result.ok) onClose()
    else setError(result.error.message)
  }

  return (
    <form
      className="tandem-prompt"
      role="dialog"
      aria-label={title}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        onClose()
      }}
    >
      <label className="tandem-prompt__label" htmlFor={`${ids}-url`}>
        {urlLabel}
      </label>
      <input
        ref={input}
        id={`${ids}-url`}
        className="tandem-prompt__input"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://"
        value={url}
        aria-invalid={error !== null}
        aria-describedby={error ? `${ids}-error` : undefined}
        onChange={(event) => {
          setUrl(event.target.value)
          setError(null)
        }}
      />
      {withAlt && (
        <>
          <label className="tandem-prompt__label" htmlFor={`${ids}-alt`}>
            Description (alt text)
          </label>
          <input
            id={`${ids}-alt`}
            className="tandem-prompt__input"
            type="text"
            value={alt}
            onChange={(event) => setAlt(event.target.value)}
          />
        </>
      )}
      {error && (
        <p id={`${ids}-error`} className="tandem-prompt__error" role="alert">
          {error}
        </p>
      )}
      <div className="tandem-prompt__actions">
        {secondary && (
          <button
            type="button"
            className="tandem-prompt__button tandem-prompt__button--quiet"
            onClick={secondary.onClick}
          >
            {secondary.label}
          </button>
        )}
        <button
          type="button"
          className="tandem-prompt__button tandem-prompt__button--quiet"
          onClick={onClose}
        >
          Cancel
        </button>
        <button type="submit" className="tandem-prompt__button tandem-prompt__button--primary">
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
