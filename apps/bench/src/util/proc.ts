import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Resident set size of a process in bytes (VmRSS from /proc/<pid>/status). */
export async function readRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export async function readCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces; fields after the closing paren are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND
}

// sysconf(_SC_CLK_TCK) is 100 on every Linux this runs on; Node offers no way to ask.
const CLOCK_TICKS_PER_SECOND = 100

/** Bytes a process caused to be written to storage (write_bytes in /proc/<pid>/io). */
export async function readWriteBytes(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8')
  const match = /^write_bytes:\s+(\d+)/m.exec(io)
  if (!match) throw new Error(`no write_bytes in /proc/${pid}/io`)
  return Number(match[1])
}

/** Total size in bytes of the regular files under a directory. */
export async function directorySize(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) total += await directorySize(path)
    else if (entry.isFile()) total += (await stat(path)).size
  }
  return total
}
