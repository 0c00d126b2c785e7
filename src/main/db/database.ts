import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import type { Logger } from 'pino'
import { StartupError } from './errors'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/types'

export type { Database }

const SQLITE_HEADER = 'SQLite format 3\0'

export interface OpenDatabaseOptions {
  log: Logger
  /** Defaults to every migration; tests pass a prefix to stop at an older version. */
  migrations?: readonly Migration[]
}

/**
 * Opens (or creates) the cache database and brings it to the latest schema.
 *
 * An existing file is inspected read-only first: a file that is not a SQLite database, is
 * damaged, or was written by a newer Fieldstation is refused with a StartupError before
 * anything could write to it, so the user's data stays exactly as it was.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): Database {
  const migrations = options.migrations ?? MIGRATIONS
  if (existsSync(file)) inspectExisting(file, migrations.length)

  const db = new BetterSqlite3(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, migrations, options.log)
    return db
  } catch (error) {
    db.close()
    if (error instanceof StartupError) throw error
    throw new StartupError(
      'db-migration-failed',
      `The database at ${file} could not be prepared: ${describe(error)}`,
      'Nothing was changed. Send the log file to support, or start with another data folder.',
      { cause: error },
    )
  }
}

function inspectExisting(file: string, latest: number): void {
  const header = readHeader(file)
  // SQLite treats an empty file as a new database.
  if (header.length > 0 && header.toString('latin1') !== SQLITE_HEADER) {
    throw corrupt(file, 'it is not a SQLite database')
  }
  let version: number
  try {
    const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    try {
      version = probe.pragma('user_version', { simple: true }) as number
      probe.prepare('SELECT count(*) FROM sqlite_schema').get()
    } finally {
      probe.close()
    }
  } catch (error) {
    throw corrupt(file, describe(error), error)
  }
  if (version > latest) {
    throw new StartupError(
      'db-from-future',
      `The database at ${file} was written by a newer version of Fieldstation ` +
        `(schema ${version}; this version knows up to ${latest}).`,
      'Update Fieldstation to the latest version, or start it with another data folder. ' +
        'The database was left untouched.',
    )
  }
}

function readHeader(file: string): Buffer {
  try {
    const fd = openSync(file, 'r')
    try {
      const buffer = Buffer.alloc(SQLITE_HEADER.length)
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0))
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    throw new StartupError(
      'db-unreadable',
      `The database at ${file} cannot be read: ${describe(error)}`,
      'Check that the data folder is on a connected drive and that you may read and write it.',
      { cause: error },
    )
  }
}

function corrupt(file: string, reason: string, cause?: unknown): StartupError {
  return new StartupError(
    'db-corrupt',
    `The database at ${file} is damaged or unreadable (${reason}).`,
    'The file was left untouched. Keep a copy of it for support, then start Fieldstation ' +
      'with another data folder (--data-dir or FIELDSTATION_DATA_DIR) to sync afresh.',
    { cause },
  )
}

/** Applies each pending migration in its own transaction together with its user_version. */
function migrate(db: Database, migrations: readonly Migration[], log: Logger): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      )
    }
  })
  const current = db.pragma('user_version', { simple: true }) as number
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
    log.info({ version: migration.version, name: migration.name }, 'database migrated')
  }
  if (current < migrations.length) db.pragma('optimize')
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
