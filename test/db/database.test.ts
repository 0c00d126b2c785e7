import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion } from '../../src/main/db/database'
import { StartupError } from '../../src/main/db/errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/db/migrations'
import { createSilentLogger } from '../../src/main/log/logger'
import { tempDir } from '../support/temp'

const log = createSilentLogger()
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

function expectStartupError(run: () => unknown, code: StartupError['code']): StartupError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError)
    expect((error as StartupError).code).toBe(code)
    return error as StartupError
  }
  throw new Error(`expected a ${code} StartupError`)
}

describe('openDatabase', () => {
  it('creates a new database at the latest schema with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'new.db'), { log })
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
  })

  it('numbers migrations 1, 2, 3… with no gaps, so user_version always names the last one applied', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_, index) => index + 1),
    )
  })

  it('upgrades an older database step by step and keeps its data', () => {
    const file = join(tempDir(), 'old.db')
    const old = openDatabase(file, { log, migrations: [] })
    old.exec('CREATE TABLE keep_me (x INTEGER)')
    old.prepare('INSERT INTO keep_me VALUES (42)').run()
    old.close()
    const db = openDatabase(file, { log })
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare('SELECT x FROM keep_me').pluck().get()).toBe(42)
    db.close()
  })

  it('rolls back a failing migration as a whole and reports it', () => {
    const file = join(tempDir(), 'broken-migration.db')
    const broken = {
      version: 1,
      name: 'half-done',
      up: (db: BetterSqlite3.Database) =>
        db.exec('CREATE TABLE half (x); SELECT * FROM missing_table;'),
    }
    expectStartupError(
      () => openDatabase(file, { log, migrations: [broken] }),
      'db-migration-failed',
    )
    const check = new BetterSqlite3(file, { readonly: true })
    expect(check.pragma('user_version', { simple: true })).toBe(0)
    expect(
      check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get(),
    ).toBe(0)
    check.close()
  })

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'future.db')
    const future = new BetterSqlite3(file)
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    future.close()
    const before = sha256(file)
    const error = expectStartupError(() => openDatabase(file, { log }), 'db-from-future')
    expect(error.message).toContain('newer version of Fieldstation')
    expect(error.hint).toContain('Update Fieldstation')
    expect(sha256(file)).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a file that is not a database and leaves it untouched', () => {
    const file = join(tempDir(), 'garbage.db')
    writeFileSync(file, 'These are field notes, not a database.\n'.repeat(300))
    const before = sha256(file)
    const error = expectStartupError(() => openDatabase(file, { log }), 'db-corrupt')
    expect(error.message).toContain('damaged or unreadable')
    expect(error.hint).toContain('left untouched')
    expect(sha256(file)).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a database whose pages are damaged behind a valid header and leaves it untouched', () => {
    const file = join(tempDir(), 'damaged.db')
    const good = openDatabase(file, { log })
    good.pragma('wal_checkpoint(TRUNCATE)')
    good.close()
    const bytes = readFileSync(file)
    // Keep the 100-byte header, scramble the schema page after it.
    bytes.fill(0xa5, 100, 4096)
    writeFileSync(file, bytes)
    const before = sha256(file)
    expectStartupError(() => openDatabase(file, { log }), 'db-corrupt')
    expect(sha256(file)).toBe(before)
  })

  it('treats an empty file as a new database, as SQLite does', () => {
    const file = join(tempDir(), 'empty.db')
    writeFileSync(file, '')
    const db = openDatabase(file, { log })
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    db.close()
  })

  it('reports a path it cannot read as unreadable, not as a crash', () => {
    const dir = tempDir()
    // A directory where the database file should be: opening it fails with EISDIR.
    const file = join(dir, 'db-is-a-folder')
    mkdirSync(file)
    expectStartupError(() => openDatabase(file, { log }), 'db-unreadable')
  })
})
