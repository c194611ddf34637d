import { describe, expect, it } from 'vitest'
import { docName, isValidId, newId, parseDocName } from './names.js'
import { TandemError } from './errors.js'

describe('document names', () => {
  it('parses every kind with a valid id', () => {
    for (const kind of ['workspace', 'doc', 'comments', 'chat', 'board', 'inbox']) {
      expect(parseDocName(`${kind}:a_B-9`)).toEqual({ kind, id: 'a_B-9', name: `${kind}:a_B-9` })
    }
  })

  it('refuses unknown kinds, bad ids and non-strings', () => {
    const bad: unknown[] = [
      'doc',
      'doc:',
      ':x',
      'page:x',
      'doc:a b',
      'doc:a/b',
      'doc:é',
      `doc:${'x'.repeat(65)}`,
      'DOC:x',
      'doc:x:y',
      '',
      null,
      42,
      { kind: 'doc' },
      'doc:../../etc',
    ]
    for (const name of bad) expect(parseDocName(name), String(name)).toBeNull()
    expect(parseDocName(`doc:${'x'.repeat(64)}`)).not.toBeNull()
  })

  it('docName builds names and throws a typed error on bad input', () => {
    expect(docName('doc', 'abc')).toBe('doc:abc')
    const error = (() => {
      try {
        docName('doc', 'no spaces')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TandemError)
    expect((error as TandemError).code).toBe('invalid-document-name')
  })

  it('newId makes valid, distinct ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId()))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(isValidId(id)).toBe(true)
  })
})
