import type { Contender } from '../contenders/types.js'
import type { ScenarioContext } from './context.js'
import { LATENCY, runLatency } from './latency.js'

/** Scenario ids accepted by `--only`. */
export type ScenarioId =
  'latency' | 'fanout' | 'connections' | 'cold-load' | 'durability' | 'offline'

/** One scenario: runs for one contender and records its figures. */
export interface Scenario {
  id: ScenarioId
  title: string
  run(ctx: ScenarioContext, contender: Contender): Promise<void>
}

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [{ id: 'latency', title: LATENCY, run: runLatency }]
