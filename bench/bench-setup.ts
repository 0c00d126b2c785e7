// What the benchmarks start from: servers in processes of their own, as real servers would be,
// and a core on a fresh data folder, as the CLI makes one, with a HUVR account.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Database } from 'better-sqlite3'
import type { Core } from '../src/main/core/create-core'
import { createNodeCore } from '../src/main/platform/node-core'

export const TSX = join(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs')

export interface Stoppable {
  stop(): Promise<void>
}

/** A running HUVR simulator as `serve-huvr.ts` prints it. */
export interface HuvrEndpoint {
  baseUrl: string
  credentials: { client_id: string; client_secret: string }
}

/** A server script (in bench/) in its own process: it prints one JSON line when ready. */
export async function startServer<T>(script: string, args: string[] = []): Promise<T & Stoppable> {
  const child = spawn(process.execPath, [TSX, join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    ...(JSON.parse(line) as T),
    // Safe to call again: a child already gone is not signalled.
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

/** The HUVR simulator with a generated workspace of `assets` assets, in its own process. */
export function startHuvrServer(assets: number): Promise<HuvrEndpoint & Stoppable> {
  return startServer<HuvrEndpoint>('serve-huvr.ts', [String(assets)])
}

/** A core on `dataDir` with a HUVR account for the simulator at `endpoint`. */
export async function benchCoreWithHuvr(
  dataDir: string,
  endpoint: HuvrEndpoint,
): Promise<{ core: Core; db: Database; connectionId: string }> {
  const core = createNodeCore({ dataDir, mode: 'cli', keyDir: join(dataDir, 'keys') })
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const added = await core.dispatcher.dispatch('connections.addHuvr', {
    name: 'Bench',
    baseUrl: endpoint.baseUrl,
    clientId: endpoint.credentials.client_id,
    clientSecret: endpoint.credentials.client_secret,
  })
  if (!added.ok) throw new Error(added.error.message)
  return { core, db, connectionId: (added.value as { id: string }).id }
}
