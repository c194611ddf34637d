import { useRef, useState, type ChangeEvent } from 'react'
import { api } from '../history/api.js'
import { useMe } from '../session/me.js'

/** Longest file accepted for import (the server's default body limit). */
const MAX_IMPORT_BYTES = 1024 * 1024

/**
 * "Import Markdown" (each file becomes a new document, titled by its file name) and "Export
 * workspace" (a zip of Markdown + JSON): the workspace's data in and out, through the server.
 */
export function WorkspaceTransfer({ workspace }: { workspace: string }) {
  const { token } = useMe()
  const input = useRef<HTMLInputElement>(null)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)

  const importFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    event.target.value = ''
    setError(null)
    let done = 0
    for (const file of files) {
      try {
        if (file.size > MAX_IMPORT_BYTES) throw new Error(`${file.name} is larger than 1 MiB`)
        const html = /\.html?$/i.test(file.name)
        const title = file.name.replace(/\.(md|markdown|txt|html?)$/i, '').slice(0, 200)
        await api(token, `/api/workspaces/${workspace}/import?title=${encodeURIComponent(title)}`, {
          method: 'POST',
          headers: { 'content-type': html ? 'text/html' : 'text/markdown' },
          body: await file.text(),
        })
        done++
      } catch (e) {
        setError(`${file.name}: ${(e as Error).message}`)
      }
    }
    setStatus(`Imported ${done} ${done === 1 ? 'file' : 'files'}`)
  }

  const exportAll = async () => {
    setError(null)
    try {
      const blob = await (await api(token, `/api/workspaces/${workspace}/export`)).blob()
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = `workspace-${workspace}.zip`
      link.click()
      setTimeout(() => URL.revokeObjectURL(url), 0)
      setStatus('Workspace exported')
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Import Markdown
      </button>
      <input
        ref={input}
        type="file"
        accept=".md,.markdown,.txt,.html,.htm,text/markdown,text/html"
        multiple
        hidden
        aria-label="Markdown files to import"
        onChange={(e) => void importFiles(e)}
      />
      <button type="button" className="button" onClick={() => void exportAll()}>
        Export workspace
      </button>
      <span className="visually-hidden" role="status">
        {status}
      </span>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
