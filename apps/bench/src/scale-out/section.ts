/** Markers around the scale-out section of docs/BENCHMARKS.md (written by its own command). */
export const SECTION_START = '<!-- scale-out:start -->'
export const SECTION_END = '<!-- scale-out:end -->'

/** The scale-out section of a report, markers included, or null when it has none. */
export function extractSection(report: string): string | null {
  const start = report.indexOf(SECTION_START)
  const end = report.indexOf(SECTION_END, start)
  if (start < 0 || end < 0) return null
  return report.slice(start, end + SECTION_END.length)
}

/** `report` with its scale-out section replaced by `section` (appended when it has none). */
export function spliceSection(report: string, section: string): string {
  const existing = extractSection(report)
  if (existing !== null) return report.replace(existing, section)
  return `${report.replace(/\n*$/, '')}\n\n${section}\n`
}
