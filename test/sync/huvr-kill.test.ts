import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/main/core/create-core'
import { addHuvrConnection } from '../../src/main/connections/store'
import { startHuvrSimulator, type RunningHuvrSimulator } from '../../src/sandbox/huvr'
import { runCli, spawnCli } from '../support/cli'
import { createTestCore } from '../support/core'
import { listAll } from '../support/huvr'
import { tempDir } from '../support/temp'

let sim: RunningHuvrSimulator | null = null
afterEach(async () => {
  await sim?.stop()
  sim = null
})

const assetPageOffsets = (server: RunningHuvrSimulator) =>
  server.requestLog
    .filter(
      (entry) => entry.method === 'GET' && entry.path === '/api/assets/' && entry.status === 200,
    )
    .map((entry) => String(entry.query.offset ?? '0'))

describe('a sync killed with SIGKILL', () => {
  it('resumes where it stopped: no duplicates, an intact database, at most one page fetched twice', async () => {
    sim = await startHuvrSimulator({ seed: { assets: 6000 }, faults: { latencyMs: 40 } })
    const dataDir = tempDir()
    const env = { FIELDSTATION_KEY_DIR: join(dataDir, 'keys') }
    // The account is set up the way the app stores it, with small pages so the crawl has many steps.
    const setup = createTestCore(dataDir)
    const { id } = addHuvrConnection(setup.db!, setup.secrets, setup.clock, {
      name: 'Simulated HUVR',
      baseUrl: sim.baseUrl,
      clientId: sim.credentials.client_id,
      clientSecret: sim.credentials.client_secret,
    })
    setup
      .db!.prepare(
        "UPDATE connections SET config = json_set(config, '$.pageSize', 250) WHERE id = ?",
      )
      .run(id)
    setup.close()

    const child = spawnCli(['--data-dir', dataDir, 'sync', '--json'], env)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    while (assetPageOffsets(sim).length < 6) await sleep(10)
    child.kill('SIGKILL')
    await exited
    const beforeResume = assetPageOffsets(sim)
    expect(beforeResume.length).toBeLessThan(24)

    const resumed = await runCli(['--data-dir', dataDir, 'sync', '--json'], env)
    expect(resumed.code).toBe(0)
    const outcome = JSON.parse(resumed.stdout) as {
      ok: boolean
      connections: { kinds: Record<string, { fetched: number }> }[]
    }
    expect(outcome.ok).toBe(true)

    const offsets = assetPageOffsets(sim)
    const fetchedTwice = [...new Set(offsets)].filter(
      (offset) => offsets.indexOf(offset) !== offsets.lastIndexOf(offset),
    )
    expect(fetchedTwice.length).toBeLessThanOrEqual(1)
    // The second run did not start over: it fetched only what the first had not committed.
    expect(offsets.length - beforeResume.length).toBeLessThanOrEqual(24 - beforeResume.length + 1)

    const db = new BetterSqlite3(join(dataDir, DATABASE_FILE))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    // The search index, paused for the bulk load, was rebuilt after the resumed crawl finished.
    expect(() =>
      db.exec("INSERT INTO huvr_assets_fts (huvr_assets_fts) VALUES ('integrity-check')"),
    ).not.toThrow()
    expect(db.prepare('SELECT count(*) FROM fts_deferred').pluck().get()).toBe(0)
    const counts = db
      .prepare(
        'SELECT count(*) AS total, count(DISTINCT remote_id) AS distinctIds FROM huvr_assets',
      )
      .get()
    expect(counts).toEqual({ total: 6000, distinctIds: 6000 })
    const cached = new Map(
      (
        db.prepare('SELECT remote_id, data FROM huvr_assets').all() as {
          remote_id: number
          data: string
        }[]
      ).map((row) => [row.remote_id, JSON.parse(row.data) as unknown]),
    )
    db.close()
    for (const record of await listAll(sim, '/api/assets/'))
      expect(cached.get(record.id as number)).toEqual(record)
  })
})
