/**
 * Preloaded (`node --import`) into every server the bench starts, so each reports its own heap
 * over the IPC channel the same way, whatever server it is. Answers `{ type: 'bench:memory' }`
 * after a full GC (the child runs with --expose-gc) so heap figures do not depend on when the
 * collector last ran.
 */
interface MemoryRequest {
  type: 'bench:memory'
  id: number
}

const isMemoryRequest = (message: unknown): message is MemoryRequest =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === 'bench:memory'

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isMemoryRequest(message)) return
    const collect = (globalThis as { gc?: () => void }).gc
    collect?.()
    const usage = process.memoryUsage()
    process.send?.({
      type: 'bench:memory',
      id: message.id,
      heapUsed: usage.heapUsed,
      rss: usage.rss,
    })
  })
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref()
}
