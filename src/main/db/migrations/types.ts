import type { Database } from 'better-sqlite3'

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied. Versions are 1, 2, 3, … with no gaps. */
  version: number
  name: string
  /** Runs inside a transaction; additive only once released (older data must stay readable). */
  up(db: Database): void
}
