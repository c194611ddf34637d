import type { Extension } from '@hocuspocus/server'

/** Holds the first unload in its afterUnloadDocument hook until released (a slow compaction). */
export class HeldUnload implements Extension {
  extensionName = 'HeldUnload'
  private release: (() => void) | undefined
  private onHeld: (() => void) | undefined
  /** Resolves once the first unload is being held. */
  readonly held = new Promise<void>((resolve) => (this.onHeld = resolve))
  async afterUnloadDocument(): Promise<void> {
    if (!this.onHeld) return
    this.onHeld()
    this.onHeld = undefined
    await new Promise<void>((resolve) => (this.release = resolve))
  }
  /** Lets the held unload finish. */
  letGo(): void {
    this.release?.()
  }
}
