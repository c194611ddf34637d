import { HocuspocusProvider } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { getTandemToken } from './api.js'

// Hocuspocus message type of the server's per-update acknowledgement (applied or refused).
const SYNC_STATUS = 8
const TIMEOUT_MS = 10_000

/**
 * For the end-to-end tests: what a tampered client would do. The embedded editor (and Tandem's
 * client) never send a write the token does not allow, so this uses a stock
 * `@hocuspocus/provider` with the signed-in user's real token, appends a paragraph to
 * `doc:<docId>` and returns whether the server applied it.
 */
export async function writeWithStockProvider(docId: string, text: string): Promise<boolean> {
  const [{ tandemUrl }, token] = await Promise.all([
    fetch('/api/config').then((r) => r.json() as Promise<{ tandemUrl: string }>),
    getTandemToken(),
  ])
  const document = new Y.Doc()
  const provider = new HocuspocusProvider({ url: tandemUrl, name: `doc:${docId}`, document, token })
  try {
    // Synced, and the handshake's own step 2 acknowledged: the next status is for our write.
    await until(
      () => provider.isSynced && !provider.hasUnsyncedChanges,
      'the stock provider synced',
    )
    const verdict = new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync status for the write')), TIMEOUT_MS)
      provider.on('message', ({ event }: { event: MessageEvent }) => {
        const applied = syncStatusOf(event.data)
        if (applied === null) return
        clearTimeout(timer)
        resolve(applied)
      })
    })
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    document.getXmlFragment('content').push([paragraph])
    return await verdict
  } finally {
    provider.destroy()
    document.destroy()
  }
}

function syncStatusOf(data: unknown): boolean | null {
  if (!(data instanceof ArrayBuffer)) return null
  const decoder = decoding.createDecoder(new Uint8Array(data))
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== SYNC_STATUS) return null
  return decoding.readVarInt(decoder) === 1
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((wake) => setTimeout(wake, 20))
  }
}
