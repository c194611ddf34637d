import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MentionTextarea } from './MentionTextarea.js'
import { MessageBody } from './MessageBody.js'
import { decodeMentions, encodeMentions, matchMembers, mentionQuery } from './mentions.js'

afterEach(() => cleanup())

const members = [
  { id: 'ada', name: 'Ada Lovelace', color: '#e5484d' },
  { id: 'grace', name: 'Grace Hopper', color: '#0090ff' },
  { id: 'alan', name: 'Alan Turing', color: '#30a46c' },
]
const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? null

describe('mention logic', () => {
  it('finds the mention being typed, not e-mail addresses or long runs', () => {
    expect(mentionQuery('hi @Ad', 6)).toEqual({ start: 3, query: 'Ad' })
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('hi @Ada Lo', 10)).toEqual({ start: 3, query: 'Ada Lo' })
    expect(mentionQuery('mail ada@example.com', 20)).toBeNull()
    expect(mentionQuery('@Ada is here now', 16)).toBeNull()
    expect(mentionQuery('@Ada\nnext', 9)).toBeNull()
    expect(mentionQuery('no at sign', 10)).toBeNull()
  })

  it('ranks name prefixes over word prefixes over substrings', () => {
    expect(matchMembers(members, 'a').map((m) => m.id)).toEqual(['ada', 'alan', 'grace'])
    expect(matchMembers(members, 'hop').map((m) => m.id)).toEqual(['grace'])
    expect(matchMembers(members, 'ur').map((m) => m.id)).toEqual(['alan'])
    expect(matchMembers(members, 'zz')).toEqual([])
    expect(matchMembers(members, '', 2)).toHaveLength(2)
  })

  it('encodes picked names as tokens and decodes them back', () => {
    const body = encodeMentions('@Ada Lovelace and @Grace Hopper, not @Alan', members.slice(0, 2))
    expect(body).toBe('<@ada> and <@grace>, not @Alan')
    expect(decodeMentions(body, nameOf)).toEqual({
      text: '@Ada Lovelace and @Grace Hopper, not @Alan',
      picked: [
        { id: 'ada', name: 'Ada Lovelace' },
        { id: 'grace', name: 'Grace Hopper' },
      ],
    })
    // A name that only starts like a member's is not that member.
    expect(encodeMentions('@Ada Lovelaces', members)).toBe('@Ada Lovelaces')
  })
})

describe('<MentionTextarea>', () => {
  it('suggests members after @, picks with the keyboard and submits the tokens', () => {
    const sent: string[] = []
    render(
      <MentionTextarea members={members} label="Message" onSubmit={(b) => void sent.push(b)} />,
    )
    const box = screen.getByRole('combobox', { name: 'Message' }) as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: 'Thanks @gr', selectionStart: 10 } })
    const options = screen.getAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual(['Grace Hopper'])
    expect(box.getAttribute('aria-expanded')).toBe('true')
    fireEvent.keyDown(box, { key: 'Enter' }) // picks, does not send
    expect(sent).toEqual([])
    expect(box.value).toBe('Thanks @Grace Hopper ')
    fireEvent.change(box, {
      target: { value: 'Thanks @Grace Hopper for this', selectionStart: 29 },
    })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(sent).toEqual(['Thanks <@grace> for this'])
    expect(box.value).toBe('')
  })

  it('moves through suggestions with the arrows, closes on Escape, ignores empty text', () => {
    const sent: string[] = []
    render(
      <MentionTextarea members={members} label="Message" onSubmit={(b) => void sent.push(b)} />,
    )
    const box = screen.getByRole('combobox') as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: '@a', selectionStart: 2 } })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(screen.queryByRole('listbox')).toBeNull()
    fireEvent.change(box, { target: { value: '   ', selectionStart: 3 } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(sent).toEqual([])
  })
})

describe('<MessageBody>', () => {
  it('renders markup as text, only safe links, and mentions by name', () => {
    const hostile =
      '<img src=x onerror="alert(1)"> <script>alert(2)</script> javascript:alert(3) ' +
      'data:text/html,<b>x</b> see https://example.com/a?b=1. <@ada> <@nobody>'
    const { container } = render(<MessageBody body={hostile} nameOf={nameOf} selfId="ada" />)
    expect(container.querySelector('img, script, b')).toBeNull()
    const links = [...container.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1'])
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer')
    expect(links[0]?.getAttribute('target')).toBe('_blank')
    expect(container.textContent).toContain('<script>alert(2)</script>')
    expect(container.textContent).toContain('javascript:alert(3)')
    const mentions = [...container.querySelectorAll('.tandem-mention')]
    expect(mentions.map((m) => m.textContent)).toEqual(['@Ada Lovelace', '@unknown'])
    expect(mentions[0]?.classList.contains('tandem-mention--self')).toBe(true)
  })
})
