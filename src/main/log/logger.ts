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

/**
 * Structured JSON lines in `<dataDir>/logs/fieldstation.log`, rotated at 5 MB with five
 * files kept, so a user can attach them to a support request.
 */
export function createFileLogger({ dataDir, level = 'info' }: LoggerOptions): Logger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  const stream = createStream('fieldstation.log', { path: dir, size: '5M', maxFiles: 5 })
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream)
}

/** For tests and throwaway cores. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' })
}
