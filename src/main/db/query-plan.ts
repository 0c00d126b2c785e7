import type { Database } from 'better-sqlite3'

/** The `detail` lines of `EXPLAIN QUERY PLAN` for a statement. */
export function explainQueryPlan(db: Database, sql: string, params: unknown[] = []): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
  return rows.map((row) => row.detail)
}

/**
 * Throws unless the statement's plan uses the named index (and so does not scan the table):
 * queries that must stay fast at 100,000 rows are pinned by tests with this.
 */
export function assertIndexUsed(
  db: Database,
  sql: string,
  indexName: string,
  params: unknown[] = [],
): void {
  const plan = explainQueryPlan(db, sql, params)
  const usesIndex = plan.some((line) =>
    new RegExp(`\\b(USING|COVERING) .*INDEX ${indexName}\\b`).test(line),
  )
  if (!usesIndex) {
    throw new Error(`Expected the plan to use index ${indexName}, got:\n  ${plan.join('\n  ')}`)
  }
}
