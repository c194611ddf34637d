import type { Contender } from '../contenders/types.js'
import { COLD_LOAD, runColdLoad } from './cold-load.js'
import { CONNECTIONS, runConnections } from './connections.js'
import type { ScenarioContext } from './context.js'
import { CONVERSATION, runConversation } from './conversation.js'
import { DURABILITY, runDurability } from './durability.js'
import { FANOUT, runFanout } from './fanout.js'
import { LATENCY, runLatency } from './latency.js'
import { OFFLINE, runOffline } from './offline.js'

/** Scenario ids accepted by `--only`. */
export type ScenarioId =
  'latency' | 'fanout' | 'connections' | 'cold-load' | 'durability' | 'offline' | 'conversation'

/** One scenario: runs for one contender and records its figures. */
export interface Scenario {
  id: ScenarioId
  title: string
  run(ctx: ScenarioContext, contender: Contender): Promise<void>
}

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  { id: 'latency', title: LATENCY, run: runLatency },
  { id: 'fanout', title: FANOUT, run: runFanout },
  { id: 'connections', title: CONNECTIONS, run: runConnections },
  { id: 'cold-load', title: COLD_LOAD, run: runColdLoad },
  { id: 'durability', title: DURABILITY, run: runDurability },
  { id: 'offline', title: OFFLINE, run: runOffline },
  { id: 'conversation', title: CONVERSATION, run: runConversation },
]
