import { ok, refuse, type EditorResult } from './errors.js'

/** Schemes a link may use. `javascript:` and `data:` are refused: they run code on click. */
const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])
/** Images load from the web only; `data:` images would bloat the shared document. */
const IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:'])
/** Upper bound on an address, so a pasted blob cannot end up in every replica. */
const MAX_URL_LENGTH = 2048

/** A bare host such as `example.com/path`: people type these, we assume https. */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#].*)?$/i

function parseUrl(
  input: unknown,
  protocols: ReadonlySet<string>,
  allowBareHost: boolean,
): EditorResult<string> {
  if (typeof input !== 'string' || input.trim() === '') return refuse('empty-url')
  const text = input.trim()
  if (text.length > MAX_URL_LENGTH || /\s/.test(text)) return refuse('invalid-url')
  const candidate = allowBareHost && BARE_HOST.test(text) ? `https://${text}` : text
  let url: URL
  try {
    url = new URL(candidate)
  } catch (error) {
    // The URL constructor's TypeError is the expected "not an address" case.
    if (error instanceof TypeError) return refuse('invalid-url')
    throw error
  }
  if (!protocols.has(url.protocol)) return refuse('unsupported-protocol')
  if (url.protocol !== 'mailto:' && url.hostname === '') return refuse('invalid-url')
  return ok(url.href)
}

/** Validates what a person typed as a link target: http(s) or mailto; bare hosts get https. */
export function parseLinkUrl(input: unknown): EditorResult<string> {
  return parseUrl(input, LINK_PROTOCOLS, true)
}

/** Validates an image address: absolute http(s) only (`cat.png` is a file name, not a host). */
export function parseImageUrl(input: unknown): EditorResult<string> {
  return parseUrl(input, IMAGE_PROTOCOLS, false)
}
