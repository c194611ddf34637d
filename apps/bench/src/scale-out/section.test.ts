import { describe, expect, test } from 'vitest'
import { extractSection, SECTION_END, SECTION_START, spliceSection } from './section.js'

const section = (body: string): string => `${SECTION_START}\n${body}\n${SECTION_END}`

describe('scale-out section of BENCHMARKS.md', () => {
  test('is appended once and then replaced in place, keeping everything else', () => {
    const report = '# Tandem benchmarks\n\n| a | b |\n'
    const once = spliceSection(report, section('first'))
    expect(once.startsWith(report.trimEnd())).toBe(true)
    const twice = spliceSection(`${once}\n## Later\n`, section('second'))
    expect(twice).toContain('second')
    expect(twice).not.toContain('first')
    expect(twice).toContain('| a | b |')
    expect(twice).toContain('## Later')
  })

  test('a report without markers (or with only one) has no section', () => {
    expect(extractSection('# x')).toBeNull()
    expect(extractSection(`# x ${SECTION_START}`)).toBeNull()
  })
})
