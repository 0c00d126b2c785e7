import type { Core } from '../../src/main/core/create-core'
import { addHuvrConnection } from '../../src/main/connections/store'
import {
  startHuvrSimulator,
  type HuvrSimulatorOptions,
  type RunningHuvrSimulator,
} from '../../src/sandbox/huvr'
import type { Clock } from '../../src/main/platform/ports'
import { importForUpload, type ImportResult } from '../../src/main/uploads/import-files'
import { createTestCore } from './core'
import { tempDir } from './temp'

export interface HuvrPair {
  sim: RunningHuvrSimulator
  core: Core
  connectionId: string
  stop(): Promise<void>
}

/**
 * A real simulator on 127.0.0.1 and a real core on a fresh data folder, with an account for it.
 * Retries back off in milliseconds rather than seconds so fault tests stay quick.
 */
export async function startHuvrPair(
  options: HuvrSimulatorOptions = {},
  dataDir = tempDir(),
  coreClock?: Clock,
): Promise<HuvrPair> {
  const sim = await startHuvrSimulator(options)
  const core = createTestCore(dataDir, coreClock, {
    backoff: { baseMs: 5, capMs: 100 },
    maxAttempts: 12,
  })
  const connection = addHuvrConnection(core.db!, core.secrets, core.clock, {
    name: 'Simulated HUVR',
    baseUrl: sim.baseUrl,
    clientId: sim.credentials.client_id,
    clientSecret: sim.credentials.client_secret,
  })
  return {
    sim,
    core,
    connectionId: connection.id,
    async stop() {
      core.close()
      await sim.stop()
    },
  }
}

/** Every record of a list, read straight from the simulator over HTTP (no faults expected). */
export async function listAll(
  sim: RunningHuvrSimulator,
  path: string,
  query: Record<string, string> = {},
): Promise<Record<string, unknown>[]> {
  const tokenResponse = await fetch(`${sim.baseUrl}/api/auth/obtain-access-token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sim.credentials),
  })
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string }
  const records: Record<string, unknown>[] = []
  let url: string | null =
    `${sim.baseUrl}${path}?${new URLSearchParams({ limit: '1000', ordering: 'id', ...query })}`
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Token ${token}` } })
    const page = (await response.json()) as {
      next: string | null
      results: Record<string, unknown>[]
    }
    records.push(...page.results)
    url = page.next
  }
  return records
}

/** The cached server copies of a table, by remote id. */
export function cachedRecords(core: Core, table: string): Map<number, Record<string, unknown>> {
  const rows = core.db!.prepare(`SELECT remote_id, data FROM ${table}`).all() as {
    remote_id: number
    data: string
  }[]
  return new Map(
    rows.map((row) => [row.remote_id, JSON.parse(row.data) as Record<string, unknown>]),
  )
}

/** Imports files for upload into one of the simulator's projects (its first, unless named). */
export function importIntoProject(
  p: HuvrPair,
  paths: string[],
  projectId = p.sim.state.tables.projects.all()[0]!.id,
): Promise<ImportResult[]> {
  return importForUpload(
    { db: p.core.db!, files: p.core.files, clock: p.core.clock },
    paths,
    { connectionId: p.connectionId, kind: 'huvr.project', id: String(projectId) },
    null,
  )
}
