import type { Database, Statement } from 'better-sqlite3'

const cache = new WeakMap<Database, Map<string, Statement>>()

/**
 * The statement for this SQL on this database, prepared once: the push runs the same few
 * statements for every item, and preparing them anew each time was a tenth of its CPU time.
 * Only for statements used with get/all/run as prepared (never pluck/raw/expand, which change
 * the shared statement's mode).
 */
export function prepared(db: Database, sql: string): Statement {
  let statements = cache.get(db)
  if (!statements) cache.set(db, (statements = new Map()))
  let statement = statements.get(sql)
  if (!statement) statements.set(sql, (statement = db.prepare(sql)))
  return statement
}
