import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider'
import type { AuthGate } from './auth-gate.js'

/**
 * The provider of one open document. Authentication (token + sync step 1) goes through the
 * socket's {@link AuthGate}, both when the socket opens and when the client authenticates a
 * document again after a refusal.
 */
export class DocumentProvider extends HocuspocusProvider {
  constructor(
    configuration: HocuspocusProviderConfiguration,
    private readonly gate: AuthGate,
  ) {
    super(configuration)
    // Done at the first sync message, not at 'authenticated': Hocuspocus acknowledges the
    // token before it loads the document, and counts the document as pending until then.
    const finished = () => this.gate.done(this)
    this.on('synced', finished)
    this.on('authenticationFailed', () => {
      this.authStarted = false
      finished()
    })
  }

  /** The token was sent on the current connection (frames of this document may follow). */
  authStarted = false

  /** Sends the token and starts the sync handshake once the gate lets this document in. */
  authenticate(): void {
    this.gate.request(this, () => void this.sendTokenAndSync())
  }

  override async onOpen(event: Event): Promise<void> {
    this.isAuthenticated = false
    this.emit('open', { event })
    this.authenticate()
  }

  override onClose(): void {
    this.authStarted = false
    super.onClose()
    // The base class removes every other peer's presence, but y-protocols keeps their clock:
    // when the server sends the same state again after reconnecting (same clock), it would be
    // ignored and peers stayed invisible until their next renewal (15 s). Forget the clocks.
    const awareness = this.awareness
    if (!awareness) return
    for (const clientID of [...awareness.meta.keys()]) {
      if (clientID !== awareness.clientID && !awareness.states.has(clientID)) {
        awareness.meta.delete(clientID)
      }
    }
  }

  override destroy(): void {
    this.gate.done(this)
    super.destroy()
  }

  private async sendTokenAndSync(): Promise<void> {
    this.isAuthenticated = false
    this.authStarted = true
    await this.sendToken()
    if (!this.isAttached) return
    this.startSync()
  }
}
