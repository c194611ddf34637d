import { CONTENDERS } from '../contenders/contenders.js'
import type { ContenderId } from '../contenders/types.js'
import { spread } from '../util/stats.js'
import type { MachineInfo } from './machine.js'
import type { FigureRow, Results } from './results.js'

/** What the report says besides the figures. */
export interface ReportMeta {
  machine: MachineInfo
  profile: string
  command: string
  startedAt: Date
  durationS: number
  /** CPU seconds used by the load-generator processes over the whole run. */
  loadGeneratorCpuS: number
  /** Contenders that could not run, with the reason. */
  unavailable: Partial<Record<ContenderId, string>>
  /** Extra paragraphs (method, context, anchors). */
  notes: string[]
}

const BASELINES: ContenderId[] = ['hocuspocus', 'y-websocket']

function formatNumber(value: number): string {
  if (value === Infinity) return '∞ (lost)'
  if (!Number.isFinite(value)) return 'n/a'
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  const abs = Math.abs(value)
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US')
  if (abs >= 100) return value.toFixed(0)
  if (abs >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

function cell(row: FigureRow, id: ContenderId): string {
  const note = row.notes.get(id)
  const values = row.values.get(id)
  if (!values || values.length === 0) return note ?? '—'
  const s = spread(values)
  if (s.runs === 0) return 'n/a'
  const range = s.runs > 1 ? ` (${formatNumber(s.min)}–${formatNumber(s.max)})` : ''
  return `${formatNumber(s.median)}${range}`
}

/**
 * Tandem against a baseline as a factor where > 1 means Tandem is better, whichever way the
 * figure points; counts that can be zero compare as equal / better / behind. `ours` picks
 * Tandem's endpoint (`tandem-yjs`: the y-websocket door).
 */
export function ratio(row: FigureRow, baseline: ContenderId, ours: ContenderId = 'tandem'): string {
  const oursMedian = spread(row.values.get(ours) ?? []).median
  const theirs = spread(row.values.get(baseline) ?? []).median
  if (row.better === 'none' || Number.isNaN(oursMedian) || Number.isNaN(theirs)) return '—'
  if (oursMedian === theirs) return '='
  if (oursMedian === Infinity || theirs === Infinity) {
    const better = row.better === 'lower' ? theirs === Infinity : oursMedian === Infinity
    return better ? 'better' : '**behind**'
  }
  if (oursMedian === 0 || theirs === 0) {
    const better = row.better === 'lower' ? oursMedian < theirs : oursMedian > theirs
    return better ? 'better' : '**behind**'
  }
  const factor = row.better === 'lower' ? theirs / oursMedian : oursMedian / theirs
  const text = `${factor >= 10 ? factor.toFixed(0) : factor.toFixed(2)}×`
  // Within 2 % is a tie on any machine, let alone a shared one.
  if (factor >= 0.98) return text
  return `**${text} behind**`
}

function table(rows: FigureRow[]): string[] {
  const labels = CONTENDERS.map((c) => c.label)
  const header = [
    'figure',
    'unit',
    'target',
    ...labels,
    'Tandem vs Hocuspocus',
    'Tandem vs y-websocket',
    'Tandem /yjs vs y-websocket',
  ]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`]
  for (const row of rows) {
    const cells = [
      row.figure,
      row.unit,
      row.target ?? '',
      ...CONTENDERS.map((c) => cell(row, c.id)),
      ...BASELINES.map((b) => ratio(row, b)),
      ratio(row, 'y-websocket', 'tandem-yjs'),
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines
}

/** Tandem's median of a row, NaN when it has none. */
const tandemMedian = (row: FigureRow): number => spread(row.values.get('tandem') ?? []).median

/** Headline: Tandem against each numeric goal, then every figure where Tandem is behind. */
function summary(rows: FigureRow[]): string[] {
  const out = ['## Summary', '', 'Goals from the issue (Tandem, median of the runs):', '']
  for (const row of rows.filter((r) => r.goal !== undefined)) {
    const value = tandemMedian(row)
    const goal = row.goal as number
    const met = row.better === 'lower' ? value <= goal : value >= goal
    const verdict = Number.isNaN(value) ? 'not measured' : met ? 'met' : '**missed**'
    out.push(
      `- ${row.scenario.replace(/^\d+\. /, '')}: ${row.figure} = ${formatNumber(value)} ${row.unit} (goal ${row.target}): ${verdict}`,
    )
  }
  // "Acknowledged = durable with under 2 ms added p99": against Hocuspocus' non-durable ack.
  const ack = rows.find((r) => r.figure.startsWith('update -> ack p99'))
  if (ack) {
    const added = tandemMedian(ack) - spread(ack.values.get('hocuspocus') ?? []).median
    const verdict = !Number.isFinite(added) ? 'not measured' : added < 2 ? 'met' : '**missed**'
    out.push(
      `- durability: ack p99 added over Hocuspocus' (non-durable) ack = ${formatNumber(added)} ms (goal < 2 ms): ${verdict}`,
    )
  }
  const behind = rows
    .map((row) => ({
      row,
      verdicts: BASELINES.map((b) => ({ b, text: ratio(row, b) })).filter((v) =>
        v.text.includes('behind'),
      ),
    }))
    .filter(({ verdicts }) => verdicts.length > 0)
  out.push(
    '',
    behind.length === 0
      ? 'Tandem is not behind a baseline on any figure.'
      : 'Where Tandem is behind (factor below 1× = worse):',
    '',
  )
  for (const { row, verdicts } of behind) {
    const against = verdicts
      .map(
        ({ b, text }) =>
          `${text.replace(/\*|behind/g, '').trim()} vs ${CONTENDERS.find((c) => c.id === b)?.label ?? b}`,
      )
      .join('; ')
    out.push(`- ${row.scenario.replace(/^\d+\. /, '')} — ${row.figure}: ${against}`)
  }
  out.push('')
  return out
}

/** Renders the whole report as markdown (docs/BENCHMARKS.md). */
export function renderMarkdown(results: Results, meta: ReportMeta): string {
  const { machine } = meta
  const out: string[] = [
    '# Tandem benchmarks',
    '',
    `Generated by \`${meta.command}\` (profile **${meta.profile}**) on ${meta.startedAt.toISOString()}, ` +
      `took ${Math.round(meta.durationS)} s. Commit ${machine.commit}. The load-generator processes used ` +
      `${Math.round(meta.loadGeneratorCpuS)} CPU-seconds (${Math.round((100 * meta.loadGeneratorCpuS) / meta.durationS)} % of one core on average).`,
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores; RAM ${machine.ramGiB} GiB; Linux ${machine.kernel}`,
    `- Node ${machine.node}; load average at start ${machine.loadAverage.toFixed(2)} ` +
      `(above ~0.3 means other work shared the cores during the run)`,
    `- Versions: ${Object.entries(machine.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    '',
    '## Contenders',
    '',
    ...CONTENDERS.map((c) => {
      const missing = meta.unavailable[c.id]
      return `- **${c.label}**${missing ? ` — not measured: ${missing}` : ''}`
    }),
    '',
    'Cells show the median of the runs with (min–max). The ratio columns give Tandem against each ' +
      'baseline as a factor where above 1× means Tandem is better, whichever way the figure points; ' +
      '**behind** marks where Tandem is worse.',
    '',
  ]
  out.push(...summary(results.rows()))
  const scenarios = [...new Set(results.rows().map((r) => r.scenario))]
  for (const scenario of scenarios) {
    out.push(
      `## ${scenario}`,
      '',
      ...table(results.rows().filter((r) => r.scenario === scenario)),
      '',
    )
    const failures = results.failures.filter((f) => f.scenario === scenario)
    for (const f of failures)
      out.push(`- **failed** for ${f.contender}: ${f.message.replace(/\s+/g, ' ').slice(0, 400)}`)
    if (failures.length > 0) out.push('')
  }
  const orphanFailures = results.failures.filter((f) => !scenarios.includes(f.scenario))
  if (orphanFailures.length > 0) {
    out.push('## Failures', '')
    for (const f of orphanFailures)
      out.push(
        `- **${f.scenario}** failed for ${f.contender}: ${f.message.replace(/\s+/g, ' ').slice(0, 400)}`,
      )
    out.push('')
  }
  out.push(...meta.notes)
  return `${out.join('\n').trimEnd()}\n`
}
