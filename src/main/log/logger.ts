import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pino, type Logger } from 'pino'
import { createStream } from 'rotating-file-stream'

export type { Logger }

/**
 * Field names whose values never reach the log file, at any of the depths our log calls use.
 * Tokens, passwords and signed URLs (which carry a signature) are all credentials.
 */
const SECRET_KEYS = [
  'password',
  'secret',
  'client_secret',
  'clientSecret',
  'token',
  'access_token',
  'accessToken',
  'authorization',
  'Authorization',
  'x-user-token',
  'X-User-Token',
  'cookie',
  'signedUrl',
]
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`])

export interface LoggerOptions {
  dataDir: string
  level?: pino.LevelWithSilent
}

/** A log and the file behind it, which whoever made it closes. */
export interface FileLogger {
  log: Logger
  /** Writes out what is pending and closes the file. */
  close(): void
}

/**
 * Structured JSON lines in `<dataDir>/logs/fieldstation.log`, rotated at 5 MB with five
 * files kept, so a user can attach them to a support request.
 */
export function createFileLogger({ dataDir, level = 'info' }: LoggerOptions): FileLogger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  const stream = createStream('fieldstation.log', { path: dir, size: '5M', maxFiles: 5 })
  // A log file that cannot be written (a full disk) must not take the app down with it.
  stream.on('error', (error) => {
    process.stderr.write(`fieldstation: the log file cannot be written: ${error.message}\n`)
  })
  const log = pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream)
  return {
    log,
    close: () => {
      // Work still finishing after the close may log: it goes nowhere.
      log.level = 'silent'
      stream.end()
    },
  }
}

/** For tests and throwaway cores. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' })
}
