// Same rule as the editor's link dialog (packages/editor/src/urls.ts): web and mail links and
// relative paths only, so imported content cannot carry `javascript:` or `data:` URLs.
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/** `url` when it is an http(s)/mailto URL or a relative path; otherwise null. */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const trimmed = url.trim()
  if (trimmed === '' || trimmed.length > 2048) return null
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)
  if (!scheme) return /[\s<>"]/.test(trimmed) ? null : trimmed
  return ALLOWED_SCHEMES.has((scheme[1] as string).toLowerCase() + ':') ? trimmed : null
}
