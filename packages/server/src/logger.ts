/** Log levels, least to most severe. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const

/** How much to log; `silent` logs nothing. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Structured fields attached to one log line. */
export type LogFields = Record<string, unknown>

/** A structured logger: one event name plus fields per line. */
export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

/** True when `value` is one of {@link LOG_LEVELS}. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)
}

/** Options for {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written. @default 'info' */
  level?: LogLevel
  /** Where each line goes. @default process.stdout.write */
  write?: (line: string) => void
}

/** A logger that writes one JSON object per line: `{time, level, event, ...fields}`. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info')
  const write = options.write ?? ((line: string) => process.stdout.write(line))
  const log = (level: LogLevel, event: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return
    write(
      JSON.stringify({ time: new Date().toISOString(), level, event, ...serialise(fields) }) + '\n',
    )
  }
  return {
    debug: (event, fields) => log('debug', event, fields),
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  }
}

// Errors do not survive JSON.stringify (their fields are not enumerable), so flatten them.
function serialise(fields: LogFields | undefined): LogFields {
  if (!fields) return {}
  const out: LogFields = {}
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error
        ? { name: value.name, message: value.message, code: (value as { code?: unknown }).code }
        : value
  }
  return out
}
