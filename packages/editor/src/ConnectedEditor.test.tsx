import { act, cleanup, render, within } from '@testing-library/react'
import type { Editor } from '@tiptap/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EditorStatus } from './props.js'
import { TandemEditor } from './TandemEditor.js'
import { waitFor } from './test-support/peers.js'
import { startTestServer, type TestServer } from './test-support/server.js'

// The three-line embedding (`serverUrl` + `docId` + `getToken`) against a real server and real
// WebSockets on 127.0.0.1. happy-dom has no usable WebSocket for Node sockets: use ws.
const ada = { id: 'ada', name: 'Ada', color: '#e5484d' }
const SLOW = 10_000

let server: TestServer
let savedWebSocket: unknown
beforeAll(async () => {
  savedWebSocket = globalThis.WebSocket
  ;(globalThis as { WebSocket: unknown }).WebSocket = WebSocket
  server = await startTestServer()
})
afterAll(async () => {
  ;(globalThis as { WebSocket: unknown }).WebSocket = savedWebSocket
  await server?.close()
})
afterEach(() => cleanup())

async function connections(): Promise<number> {
  return (await server.server.metrics.connections.get()).values[0]?.value ?? 0
}

describe('<TandemEditor serverUrl docId getToken user />', () => {
  it('two editors on one page share one socket and one token fetch', async () => {
    const before = await connections()
    let fetches = 0
    const getToken = async () => {
      fetches += 1
      return server.token(ada)
    }
    const editors: Record<string, Editor> = {}
    const statuses: EditorStatus[] = []
    const unsynced: number[] = []
    render(
      <>
        <TandemEditor
          serverUrl={server.collabUrl}
          docId="shared-one"
          getToken={getToken}
          user={ada}
          persistence={false}
          onReady={(e) => (editors.one = e)}
          onStatus={(s) => statuses.push(s)}
          onUnsyncedChanges={(n) => unsynced.push(n)}
        />
        <TandemEditor
          serverUrl={server.collabUrl}
          docId="shared-two"
          getToken={getToken}
          user={ada}
          persistence={false}
          onReady={(e) => (editors.two = e)}
        />
      </>,
    )
    await waitFor(() => !!editors.one?.isEditable && !!editors.two, 'both editors', SLOW)
    await waitFor(() => statuses.at(-1)?.synced === true, 'synced', SLOW)
    expect(statuses.at(-1)).toMatchObject({ connection: 'online', readOnly: false })
    expect((await connections()) - before).toBe(1)
    expect(fetches).toBe(1)

    act(() => void editors.one?.commands.insertContent('Hello from Ada'))
    await waitFor(() => unsynced.at(-1) === 0 && unsynced.includes(1), 'stored', SLOW)
    const reader = server.client(ada)
    const stored = reader.open('doc:shared-one')
    await stored.whenSynced
    expect(stored.doc.getXmlFragment('content').toString()).toContain('Hello from Ada')
    await reader.destroy()

    // The last editor gone, the shared client closes its socket.
    cleanup()
    const deadline = Date.now() + SLOW
    while ((await connections()) !== before) {
      if (Date.now() > deadline) throw new Error('the shared socket stayed open after unmount')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })

  it('follows the role in the token: a viewer gets a read-only editor', async () => {
    let editor: Editor | null = null
    const statuses: EditorStatus[] = []
    const { container } = render(
      <TandemEditor
        serverUrl={server.collabUrl}
        docId="viewed"
        getToken={() => server.token({ id: 'cy', name: 'Cy' }, { 'doc:viewed': 'viewer' })}
        user={{ id: 'cy', name: 'Cy' }}
        persistence={false}
        onReady={(e) => (editor = e)}
        onStatus={(s) => statuses.push(s)}
      />,
    )
    await waitFor(() => statuses.at(-1)?.readOnly === true, 'read-only status', SLOW)
    await waitFor(() => editor !== null, 'editor', SLOW)
    expect(within(container).getByTestId('editor').getAttribute('contenteditable')).toBe('false')
    expect(within(container).queryByTestId('toolbar')).toBeNull()
  })

  it('edits a stock Tiptap document through `field`', async () => {
    const seed = server.client(ada).open('doc:stock')
    await seed.whenSynced
    let editor: Editor | null = null
    render(
      <TandemEditor
        serverUrl={server.collabUrl}
        docId="stock"
        field="default"
        getToken={() => server.token(ada)}
        user={ada}
        persistence={false}
        onReady={(e) => (editor = e)}
      />,
    )
    // Read-only until the server has said what the token allows.
    await waitFor(() => editor?.isEditable === true, 'editable once synced', SLOW)
    act(() => void editor?.commands.insertContent('into default'))
    await waitFor(
      () => seed.doc.getXmlFragment('default').toString().includes('into default'),
      'text in the default fragment at another client',
      SLOW,
    )
    expect(seed.doc.getXmlFragment('content').length).toBe(0)
    seed.release()
  })

  it('shows bad input as an error with its code instead of throwing', async () => {
    const seen: string[] = []
    const onStatus = (s: EditorStatus) => s.error && seen.push(s.error.code)
    const { container } = render(
      <>
        <TandemEditor
          serverUrl={server.collabUrl}
          docId="not a valid id!"
          getToken={() => server.token(ada)}
          user={ada}
          persistence={false}
          onStatus={onStatus}
        />
        <TandemEditor
          serverUrl="ftp://example.com"
          docId="x"
          getToken={() => 't'}
          user={ada}
          onStatus={onStatus}
        />
        <TandemEditor serverUrl={server.collabUrl} docId="x" user={ada} />
        <TandemEditor serverUrl={server.collabUrl} getToken={() => 't'} user={ada} />
      </>,
    )
    await waitFor(() => container.querySelectorAll('[role="alert"]').length === 4, 'alerts', SLOW)
    const codes = [...container.querySelectorAll('[role="alert"]')].map((el) =>
      el.getAttribute('data-error-code'),
    )
    expect(codes).toEqual(['invalid-document-name', 'bad-request', 'bad-request', 'bad-request'])
    expect(seen).toContain('invalid-document-name')
    expect(seen).toContain('bad-request')
    expect(() =>
      render(<TandemEditor doc={undefined} user={ada} field="" serverUrl={undefined} />),
    ).toThrow(/serverUrl/)
  })
})
