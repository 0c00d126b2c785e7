// Initial HUVR sync of 100,000 assets and 20,000 projects from the simulator on loopback, beside
// the raw better-sqlite3 insert rate of the same records measured in the same run; then search
// latency over the 100,000 cached assets.
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import BetterSqlite3 from 'better-sqlite3'
import { generateHuvrState } from '../src/sandbox/huvr'
import { benchCoreWithHuvr, startHuvrServer } from './bench-setup'
import { percentile, type BenchReport } from './report'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const ASSETS = 100_000

/** The raw rate: the same records as JSON, inserted with one prepared statement in one transaction. */
function rawInsertRate(dir: string, records: { id: number; name?: string | null }[]): number {
  const db = new BetterSqlite3(join(dir, 'baseline.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(
    'CREATE TABLE records (local_id INTEGER PRIMARY KEY, remote_id INTEGER NOT NULL, name TEXT, data TEXT NOT NULL)',
  )
  const insert = db.prepare('INSERT INTO records (remote_id, name, data) VALUES (?, ?, ?)')
  const started = performance.now()
  db.transaction(() => {
    for (const record of records) insert.run(record.id, record.name ?? null, JSON.stringify(record))
  })()
  const seconds = (performance.now() - started) / 1000
  db.close()
  return records.length / seconds
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-bench-'))
  try {
    const state = generateHuvrState({ assets: ASSETS })
    const records = [
      ...state.tables.assets.all(),
      ...state.tables.projects.all(),
      ...state.tables.users.all(),
    ]
    const baseline = rawInsertRate(dir, records)

    // In its own process, so the server's work does not share a thread with the sync's.
    const sim = await startHuvrServer(ASSETS)
    const { core } = await benchCoreWithHuvr(join(dir, 'data'), sim)
    const started = performance.now()
    const [result] = await core.sync.run({ full: true })
    const seconds = (performance.now() - started) / 1000
    if (!result?.ok) throw new Error(`sync failed: ${JSON.stringify(result)}`)
    const fetched = Object.values(result.kinds).reduce((sum, kind) => sum + kind.fetched, 0)

    // Search as an inspector types: parts of real names (3–8 characters), a few two-word queries.
    const names = state.tables.assets.all().map((asset) => asset.name)
    const queries: string[] = []
    for (let i = 0; i < 300; i++) {
      const name = names[(i * 7919) % names.length] ?? ''
      const start = i % Math.max(1, name.length - 3)
      queries.push(
        i % 10 === 0
          ? name
              .split(/[\s/-]/)
              .slice(0, 2)
              .join(' ')
          : name.slice(start, start + 3 + (i % 6)),
      )
    }
    const latencies: number[] = []
    for (const query of queries) {
      const t = performance.now()
      const answer = await core.dispatcher.dispatch('assets.search', { query, limit: 100 })
      latencies.push(performance.now() - t)
      if (!answer.ok) throw new Error(answer.error.message)
      // Every query is part of a real name: finding nothing would mean the index is broken.
      if ((answer.value as { total: number }).total === 0)
        throw new Error(`search for "${query}" found nothing`)
    }
    const listing: number[] = []
    for (let offset = 0; offset < ASSETS; offset += ASSETS / 50) {
      const t = performance.now()
      await core.dispatcher.dispatch('assets.search', { offset, limit: 100 })
      listing.push(performance.now() - t)
    }

    core.close()
    await sim.stop()
    return {
      name: `HUVR initial sync (${ASSETS.toLocaleString('en-US')} assets, ${state.tables.projects.size.toLocaleString('en-US')} projects) and search`,
      figures: [
        {
          label: 'initial sync, end to end',
          value: fetched / seconds,
          unit: 'records/s',
          baseline: { label: 'raw better-sqlite3 insert of the same records', value: baseline },
        },
        { label: 'initial sync duration', value: seconds, unit: 's' },
        {
          label: 'search p50 (300 queries, first 100 rows + total)',
          value: percentile(latencies, 50),
          unit: 'ms',
        },
        { label: 'search p95', value: percentile(latencies, 95), unit: 'ms' },
        {
          label: 'list page p95 (100 rows at offsets 0–100,000, unfiltered)',
          value: percentile(listing, 95),
          unit: 'ms',
        },
      ],
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
