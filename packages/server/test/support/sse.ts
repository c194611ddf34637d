/** One Server-Sent Event as a client parses it. */
export interface SseEvent {
  id: string | undefined
  event: string
  data: unknown
}

/** An open `/api/events` stream read with fetch. */
export interface SseStream {
  status: number
  events: SseEvent[]
  comments: string[]
  /** True once the server ended the stream. */
  ended: boolean
  close(): void
}

/** Opens an event stream and parses it as it arrives (the WHATWG event-stream format). */
export async function openStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  const stream: SseStream = {
    status: res.status,
    events: [],
    comments: [],
    ended: false,
    close: () => controller.abort(),
  }
  if (!res.ok || !res.body) {
    stream.ended = true
    return stream
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  void (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const fields: Record<string, string> = {}
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim())
            else {
              const colon = line.indexOf(':')
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '')
            }
          }
          if (fields.data !== undefined) {
            stream.events.push({
              id: fields.id,
              event: fields.event ?? 'message',
              data: JSON.parse(fields.data),
            })
          }
        }
      }
    } catch {
      // Aborted by close(): the test ended the stream itself.
    } finally {
      stream.ended = true
    }
  })()
  return stream
}
