import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as Y from 'yjs'
import { chatDoc } from '@tandem/schema'
import type { Contender, RunningServer } from '../contenders/types.js'
import { BenchClient } from '../protocol/client.js'
import type { ContentKind } from '../protocol/content.js'
import { summarize, withMissing } from '../util/stats.js'
import { nowMs, waitFor } from '../util/time.js'
import { withServer, type ScenarioContext } from './context.js'
import { drain } from './deliveries.js'
import { collectAll, openClients } from './latency.js'

export const CONVERSATION = '7. Comments and chat'

// Messages per update while seeding the big room: one frame stays well under every server's
// frame limit (Tandem's default is 8 MiB; 100,000 messages are ~15 MB).
const SEED_BATCH = 5000

/**
 * Scenario 7: the conversation layer's documents under load. Chat messages and comment replies
 * (shaped by @tandem/schema's accessors, as the web app writes them) delivered to every member of
 * a room of 100 and 1000; and the cold open of a room of 100,000 messages after a restart: the
 * first client fully synced, and a client that has decoded the room and read the newest 50
 * messages to render.
 */
export async function runConversation(ctx: ScenarioContext, contender: Contender): Promise<void> {
  for (const n of ctx.profile.conversation.members) {
    await delivery(ctx, contender, n, 'chat', 'chat:bench')
    await delivery(ctx, contender, n, 'comment', 'comments:bench')
  }
  await roomOpen(ctx, contender)
}

async function delivery(
  ctx: ScenarioContext,
  contender: Contender,
  n: number,
  kind: ContentKind,
  doc: string,
): Promise<void> {
  const { messagesPerSecond, windowMs } = ctx.profile.conversation
  const label = kind === 'chat' ? 'chat message' : 'comment reply'
  const plural = kind === 'chat' ? 'chat messages' : 'comment replies'
  await withServer(ctx, contender, async (server) => {
    const { timedClients } = await openClients(ctx, server, contender, n, doc)
    await collectAll(ctx)
    for (let run = 0; run < ctx.profile.repeats; run++) {
      const cpuBefore = await server.cpuMs()
      const sent = await ctx.timed.type(messagesPerSecond, windowMs, kind)
      const drained = await drain([ctx.timed, ...ctx.bulk], sent * (n - 1), 10_000)
      if (!drained.complete)
        ctx.log(`  ${plural}, ${n} members: ${drained.have} of ${sent * (n - 1)} delivered`)
      const cpuMs = (await server.cpuMs()) - cpuBefore
      const { timed, all } = await collectAll(ctx)
      const missing = Math.max(0, sent * (timedClients - 1) - timed.latencyMs.length)
      const latency = summarize(withMissing(timed.latencyMs, missing))
      const add = (figure: string, unit: string, value: number): void =>
        ctx.results.add(CONVERSATION, { figure, unit, better: 'lower' }, contender.id, value)
      add(`${label} to peer p50, ${n} members`, 'ms', latency.p50)
      add(`${label} to peer p99, ${n} members`, 'ms', latency.p99)
      add(`${plural} not delivered, ${n} members`, 'count', missing)
      add(
        `server CPU per delivered ${label}, ${n} members`,
        'µs',
        all.latencyMs.length > 0 ? (cpuMs * 1000) / all.latencyMs.length : Number.NaN,
      )
    }
  })
}

/** The big room as updates of {@link SEED_BATCH} messages each, built once per run. */
let seeded: { messages: number; updates: Uint8Array[] } | null = null

function seedRoom(messages: number): Uint8Array[] {
  if (seeded?.messages === messages) return seeded.updates
  const doc = new Y.Doc()
  const chat = chatDoc(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let from = 0; from < messages; from += SEED_BATCH) {
    doc.transact(() => {
      for (let i = from; i < Math.min(messages, from + SEED_BATCH); i++) {
        const author = { id: `member-${i % 50}`, name: `Member ${i % 50}` }
        chat.send({ author, body: `Message ${i}: let us ship the plan on Friday.` })
      }
    })
  }
  doc.destroy()
  seeded = { messages, updates }
  return updates
}

function roomClient(server: RunningServer, contender: Contender, withDoc: boolean) {
  return new BenchClient({
    url: server.wsUrl('chat:room'),
    dialect: contender.dialect,
    doc: 'chat:room',
    token: server.token(0),
    withDoc,
  })
}

async function roomOpen(ctx: ScenarioContext, contender: Contender): Promise<void> {
  const messages = ctx.profile.conversation.roomMessages
  const count = messages.toLocaleString('en-US')
  const syncedFigure = {
    figure: `open a ${count}-message room after a restart: first client synced`,
    unit: 'ms',
    better: 'lower' as const,
  }
  const renderFigure = {
    figure: `open a ${count}-message room: synced, decoded, newest 50 read`,
    unit: 'ms',
    better: 'lower' as const,
  }
  if (!contender.persists) {
    ctx.results.note(CONVERSATION, syncedFigure, contender.id, 'n/a: in-memory, lost on restart')
    ctx.results.note(CONVERSATION, renderFigure, contender.id, 'n/a: in-memory, lost on restart')
    return
  }
  const updates = seedRoom(messages)
  const dataDir = await mkdtemp(join(ctx.tempRoot, `${contender.id}-room-`))
  try {
    let server = await contender.start(dataDir)
    try {
      const uploader = roomClient(server, contender, true)
      await uploader.connect()
      for (const update of updates) {
        Y.applyUpdate(uploader.doc as Y.Doc, update)
        if (contender.acks) {
          await waitFor('the batch to be acknowledged', () => uploader.pendingAcks === 0, {
            timeoutMs: 60_000,
          })
        }
      }
      if (!contender.acks) {
        await waitFor(
          'the room to reach a fresh client',
          () => hasRoom(server, contender, messages),
          {
            timeoutMs: 60_000,
            intervalMs: 500,
          },
        )
      }
      await uploader.close()
    } finally {
      await server.stop()
    }
    for (let run = 0; run < ctx.profile.repeats; run++) {
      server = await contender.start(dataDir)
      try {
        const first = roomClient(server, contender, false)
        ctx.results.add(CONVERSATION, syncedFigure, contender.id, await first.connect())
        await first.close()
        const reader = roomClient(server, contender, true)
        const started = nowMs()
        await reader.connect()
        const newest = chatDoc(reader.doc as Y.Doc).latest(50)
        ctx.results.add(CONVERSATION, renderFigure, contender.id, nowMs() - started)
        await reader.close()
        if (newest.length !== 50 || !newest.at(-1)?.body.startsWith(`Message ${messages - 1}:`)) {
          throw new Error(`the reopened room does not end with message ${messages - 1}`)
        }
      } finally {
        await server.stop()
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function hasRoom(server: RunningServer, contender: Contender, messages: number) {
  const probe = roomClient(server, contender, true)
  await probe.connect()
  const length = chatDoc(probe.doc as Y.Doc).length
  await probe.close()
  return length === messages
}
