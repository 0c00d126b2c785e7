import type { Core } from '../../src/main/core/create-core'
import { addTransamConnection } from '../../src/main/connections/store'
import {
  startTransamSimulator,
  type RunningTransamSimulator,
  type TransamSimulatorOptions,
} from '../../src/sandbox/transam'
import { createTestCore } from './core'
import { tempDir } from './temp'

export interface TransamPair {
  sim: RunningTransamSimulator
  core: Core
  connectionId: string
  stop(): Promise<void>
}

/** A real TransAM simulator and a real core with a (signed-out) account for it. */
export async function startTransamPair(
  options: TransamSimulatorOptions = {},
  core?: Core,
): Promise<TransamPair> {
  const sim = await startTransamSimulator(options)
  const owner =
    core ??
    createTestCore(tempDir(), undefined, { backoff: { baseMs: 5, capMs: 100 }, maxAttempts: 12 })
  const { id } = addTransamConnection(owner.db!, owner.clock, {
    name: 'Simulated TransAM',
    baseUrl: sim.baseUrl,
    email: sim.credentials.email,
  })
  return {
    sim,
    core: owner,
    connectionId: id,
    async stop() {
      if (!core) owner.close()
      await sim.stop()
    },
  }
}

export const signInRequests = (sim: RunningTransamSimulator) =>
  sim.requestLog.filter((entry) => entry.path.startsWith('/api/v1/sign_in'))

/** Every asset's documents on the server, by asset object_key, newest first like the API. */
export function serverDocumentKeys(sim: RunningTransamSimulator): Map<string, string[]> {
  const byAsset = new Map<string, string[]>()
  for (const asset of sim.state.assets.values()) {
    byAsset.set(
      asset.object_key,
      sim.state
        .documentsOf(asset.id)
        .map((document) => document.object_key)
        .sort(),
    )
  }
  return byAsset
}
