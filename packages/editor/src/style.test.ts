import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The stylesheet an embedding app imports must not restyle the host: every rule is scoped to
// the editor's own classes (no element selectors, no :root, no resets).
const css = readFileSync(new URL('../style.css', import.meta.url), 'utf8')

function selectors(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '')
  const found: string[] = []
  for (const match of withoutComments.matchAll(/([^{}]+)\{/g)) {
    const prelude = match[1]!.trim()
    if (prelude.startsWith('@')) continue // @media: its rules are matched on their own
    found.push(...splitTopLevel(prelude))
  }
  return found
}

/** Splits a selector list on the commas outside parentheses (`:where(p, ul)` stays whole). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++
    else if (list[i] === ')') depth--
    else if (list[i] === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(list.slice(start).trim())
  return parts
}

describe('style.css', () => {
  it('scopes every rule under the editor’s own classes', () => {
    const all = selectors(css)
    expect(all.length).toBeGreaterThan(50)
    expect(all.filter((s) => !/^\.tandem-(editor|toolbar|prompt)/.test(s))).toEqual([])
  })

  it('themes through --tandem-* custom properties, light and dark', () => {
    for (const name of ['--tandem-text', '--tandem-bg', '--tandem-accent', '--tandem-font']) {
      expect(css).toContain(`${name}:`)
    }
    expect(css).toMatch(/prefers-color-scheme: dark/)
    expect(css).toContain(".tandem-editor[data-theme='dark']")
  })
})
