import { useState } from 'react'
import { EXPORT_FORMATS, exportDocument } from './api.js'

/** Props of {@link ExportMenu}. */
export interface ExportMenuProps {
  /** Document name, `doc:<id>`. */
  name: string
  /** File name without extension (the title). */
  fileName: string
  token: string
}

/** "Export": downloads the document as Markdown, HTML or JSON (users own their data). */
export function ExportMenu({ name, fileName, token }: ExportMenuProps) {
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const download = async (format: string, extension: string) => {
    setOpen(false)
    try {
      const blob = await exportDocument(token, name, format)
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = `${safeFileName(fileName)}.${extension}`
      link.click()
      // After the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url), 0)
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div className="export-menu">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open ? (
        <ul role="menu" className="export-options" aria-label="Export as">
          {EXPORT_FORMATS.map((f) => (
            <li key={f.format} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => void download(f.format, f.extension)}
              >
                {f.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

function safeFileName(title: string): string {
  const printable = [...title].filter((c) => c.charCodeAt(0) >= 32).join('')
  return (
    printable
      .trim()
      .replace(/[\\/:*?"<>|]+/g, '-')
      .slice(0, 100) || 'Untitled'
  )
}
