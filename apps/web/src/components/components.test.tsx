import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import type { WorkspaceEntry } from '@tandem/schema'
import { Avatars, initials } from './Avatars.js'
import { relativeTime } from './ItemRow.js'
import { connectionText, saveStateText } from './StatusIndicator.js'
import { matchesQuery } from '../pages/HomePage.js'
import { collabUrl } from '../config.js'

describe('texts', () => {
  it('says where changes are saved', () => {
    expect(saveStateText(0)).toBe('All changes saved to server')
    expect(saveStateText(1)).toBe('1 change saved on this device only')
    expect(saveStateText(7)).toBe('7 changes saved on this device only')
  })
  it('names the connection state', () => {
    expect(connectionText('online', false)).toBe('Online')
    expect(connectionText('connecting', false)).toBe('Connecting…')
    expect(connectionText('connecting', true)).toBe('Reconnecting…')
    expect(connectionText('offline', true)).toBe('Offline')
  })
  it('makes initials from any name', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('  grace  ')).toBe('G')
    expect(initials('Émile Zola Jr')).toBe('ÉZ')
    expect(initials('')).toBe('?')
  })
  it('formats past times relatively', () => {
    const now = Date.UTC(2026, 0, 10)
    expect(relativeTime(now - 5_000, now)).toBe('just now')
    expect(relativeTime(now - 5 * 60_000, now)).toMatch(/5 minutes ago/)
    expect(relativeTime(now - 26 * 3_600_000, now)).toMatch(/yesterday|1 day ago/)
  })
  it('derives the WebSocket URL from the page location', () => {
    expect(collabUrl({ protocol: 'https:', host: 'tandem.example' })).toBe(
      'wss://tandem.example/collab',
    )
    expect(collabUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/collab',
    )
  })
})

describe('matchesQuery', () => {
  const entry = (title: string): WorkspaceEntry => ({
    id: 'a',
    kind: 'doc',
    title,
    created: 0,
    updated: 0,
    trashed: null,
    createdBy: null,
  })
  it('needs every word, in any case and order', () => {
    expect(matchesQuery(entry('Quarterly Plan'), 'plan quart')).toBe(true)
    expect(matchesQuery(entry('Quarterly Plan'), 'plan budget')).toBe(false)
    expect(matchesQuery(entry(''), 'untitled')).toBe(true)
    expect(matchesQuery(entry('Anything'), '   ')).toBe(true)
  })
})

describe('Avatars', () => {
  it('shows one avatar per user with their status, the most present tab winning', () => {
    const user = { id: 'u1', name: 'Ada Lovelace', color: '#f00' }
    render(
      <Avatars
        label="People here"
        peers={[
          { clientId: 1, user, status: 'away', isSelf: false, typing: false },
          { clientId: 2, user, status: 'online', isSelf: false, typing: false },
          {
            clientId: 3,
            user: { id: 'u2', name: 'Grace', color: '#0f0' },
            status: 'busy',
            isSelf: true,
            typing: false,
          },
        ]}
      />,
    )
    const avatars = screen.getAllByTestId('avatar')
    expect(avatars.map((avatar) => avatar.getAttribute('aria-label'))).toEqual([
      'Ada Lovelace, online',
      'Grace (you), busy',
    ])
  })
})
