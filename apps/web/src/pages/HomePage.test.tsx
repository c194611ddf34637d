import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { createClient, type TandemClient } from '@tandem/client'
import { TandemProvider } from '@tandem/react'
import { StatusIndicator } from '../components/StatusIndicator.js'
import { MeProvider } from '../session/me.js'
import { WorkspaceProvider } from '../workspace.js'
import { HomePage } from './HomePage.js'

const SESSION = { token: 'offline-token', user: { id: 'u-ada', name: 'Ada', color: '#3366ff' } }

/**
 * A real client that never connects: everything the home page does must work offline, and
 * the status must say the changes are on this device only.
 */
function offlineClient(): TandemClient {
  return createClient({
    url: 'ws://127.0.0.1:9/collab',
    token: SESSION.token,
    persistence: false,
    autoConnect: false,
    watchNetwork: false,
  })
}

let client: TandemClient | null = null
afterEach(async () => {
  cleanup()
  await client?.destroy()
  client = null
})

function renderHome() {
  client = offlineClient()
  history.replaceState(null, '', '/')
  return render(
    <TandemProvider client={client}>
      <MeProvider session={SESSION} onSignOut={() => undefined}>
        <WorkspaceProvider>
          <StatusIndicator />
          <HomePage />
        </WorkspaceProvider>
      </MeProvider>
    </TandemProvider>,
  )
}

describe('HomePage, offline', () => {
  it('creates, renames, searches, trashes and restores with no server', async () => {
    renderHome()
    expect(screen.getByTestId('connection').textContent).toContain('Offline')
    await waitFor(() => expect(screen.getByTestId('new-doc')).not.toHaveProperty('disabled', true))

    fireEvent.click(screen.getByTestId('new-doc'))
    expect(location.pathname).toMatch(/^\/doc\/[A-Za-z0-9_-]{16}$/)
    await waitFor(() => expect(screen.getAllByTestId('item')).toHaveLength(1))
    expect(screen.getByTestId('save-state').textContent).toMatch(
      /^\d+ changes? saved on this device only$/,
    )

    fireEvent.click(screen.getByRole('button', { name: 'Rename Untitled' }))
    fireEvent.change(screen.getByLabelText('New title for Untitled'), {
      target: { value: '  Field notes ' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(screen.getByTestId('item').getAttribute('data-title')).toBe('Field notes'),
    )

    fireEvent.change(screen.getByTestId('search'), { target: { value: 'nothing like it' } })
    expect(screen.queryAllByTestId('item')).toHaveLength(0)
    expect(screen.getByText(/Nothing matches/)).toBeTruthy()
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'FIELD' } })
    expect(screen.getAllByTestId('item')).toHaveLength(1)

    fireEvent.click(screen.getByRole('button', { name: 'Move Field notes to trash' }))
    expect(screen.queryAllByTestId('item')).toHaveLength(0)
    fireEvent.click(screen.getByTestId('trash-tab'))
    fireEvent.click(screen.getByRole('button', { name: 'Restore Field notes' }))
    fireEvent.click(screen.getByRole('tab', { name: 'All items' }))
    expect(screen.getAllByTestId('item')).toHaveLength(1)
  })

  it('refuses an overlong title with a message and keeps the old one', async () => {
    renderHome()
    await waitFor(() => expect(screen.getByTestId('new-doc')).not.toHaveProperty('disabled', true))
    fireEvent.click(screen.getByTestId('new-doc'))
    await waitFor(() => expect(screen.getAllByTestId('item')).toHaveLength(1))
    fireEvent.click(screen.getByRole('button', { name: 'Rename Untitled' }))
    // Refused with a message, never silently cut (a paste would lose its tail).
    fireEvent.change(screen.getByLabelText('New title for Untitled'), {
      target: { value: 'x'.repeat(300) },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const row = screen.getByTestId('item')
    expect(within(row).getByRole('alert').textContent).toMatch(/longer than 200/)
    expect(row.getAttribute('data-title')).toBe('')
  })
})
