import type { ContenderId } from '../contenders/types.js'

/** Which direction is good for a figure; 'none' for context figures that are not compared. */
export type Better = 'lower' | 'higher' | 'none'

/** One figure (a table row): the values of every run per contender. */
export interface FigureRow {
  scenario: string
  figure: string
  unit: string
  better: Better
  /** The goal from the issue, shown beside the figure, e.g. '< 50 ms'. */
  target?: string
  /** The goal as a number Tandem's median must not exceed (lower) or must reach (higher). */
  goal?: number
  values: Map<ContenderId, number[]>
  /** Why a contender has no value (e.g. 'no acknowledgement in the protocol'). */
  notes: Map<ContenderId, string>
}

/** How to declare a figure. */
export interface FigureSpec {
  figure: string
  unit: string
  better: Better
  target?: string
  goal?: number
}

/** Everything a run measured, in the order it was measured. */
export class Results {
  private readonly rowsByKey = new Map<string, FigureRow>()
  /** Scenario failures per contender: reported in the table, never dropped. */
  readonly failures: { scenario: string; contender: ContenderId; message: string }[] = []

  private row(scenario: string, spec: FigureSpec): FigureRow {
    const key = `${scenario}\u0000${spec.figure}`
    let row = this.rowsByKey.get(key)
    if (!row) {
      row = { scenario, ...spec, values: new Map(), notes: new Map() }
      this.rowsByKey.set(key, row)
    }
    return row
  }

  /** Records one run's value of a figure. */
  add(scenario: string, spec: FigureSpec, contender: ContenderId, value: number): void {
    const row = this.row(scenario, spec)
    const list = row.values.get(contender) ?? []
    list.push(value)
    row.values.set(contender, list)
  }

  /** Records why a contender has no value for a figure. */
  note(scenario: string, spec: FigureSpec, contender: ContenderId, text: string): void {
    this.row(scenario, spec).notes.set(contender, text)
  }

  /** Records that a scenario failed for a contender. */
  fail(scenario: string, contender: ContenderId, message: string): void {
    this.failures.push({ scenario, contender, message })
  }

  rows(): FigureRow[] {
    return [...this.rowsByKey.values()]
  }
}
