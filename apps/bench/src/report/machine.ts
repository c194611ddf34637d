import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The machine and software a run measured on. */
export interface MachineInfo {
  cpu: string
  cores: number
  ramGiB: number
  node: string
  kernel: string
  /** 1-minute load average when the run started (others sharing the machine show here). */
  loadAverage: number
  commit: string
  versions: Record<string, string>
}

/** Version of an installed package, found by walking up from its entry point. */
function packageVersion(name: string): string {
  let entry: string
  try {
    entry = require.resolve(`${name}/package.json`)
  } catch (error) {
    // Not every package exports its manifest; its main entry sits below it.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error
    entry = require.resolve(name)
  }
  let dir = dirname(entry)
  for (let i = 0; i < 6; i++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (manifest.name === name) return manifest.version ?? 'unknown'
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    dir = dirname(dir)
  }
  return 'unknown'
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch (error) {
    return `unknown (${(error as Error).message.split('\n')[0]})`
  }
}

/** Describes this machine and the versions under test. */
export function machineInfo(): MachineInfo {
  const names = [
    '@hocuspocus/server',
    '@hocuspocus/extension-sqlite',
    '@y/websocket-server',
    'yjs',
    'ws',
  ]
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: release(),
    loadAverage: loadavg()[0] ?? Number.NaN,
    commit: gitCommit(),
    versions: Object.fromEntries(names.map((name) => [name, packageVersion(name)])),
  }
}
