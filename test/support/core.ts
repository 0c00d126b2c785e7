import { join } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core'
import { createSilentLogger } from '../../src/main/log/logger'
import { createNodeSecretStore } from '../../src/main/platform/node-secrets'
import { createNodeSettingsStore } from '../../src/main/platform/node-settings'
import type { Clock } from '../../src/main/platform/ports'
import { createInProcessClient } from '../../src/main/rpc/in-process'
import type { RpcClient } from '../../src/shared/rpc/client'
import type { Params, Result } from '../../src/shared/rpc/contract'
import type { MethodName } from '../../src/shared/rpc/names'
import { tempDir } from './temp'

/** A real core on a fresh data folder, with every RPC result checked against the contract. */
export function createTestCore(
  dataDir = tempDir(),
  clock: Clock = { now: () => Date.now() },
  clientOverrides?: CoreOptions['clientOverrides'],
): Core {
  return createCore({
    dataDir,
    mode: 'cli',
    log: createSilentLogger(),
    clock,
    settings: createNodeSettingsStore(dataDir),
    secrets: createNodeSecretStore({ dataDir, keyDir: join(dataDir, 'keys') }),
    checkResults: true,
    ...(clientOverrides === undefined ? {} : { clientOverrides }),
  })
}

/** Typed calls into a core, as the CLI makes them. */
export function rpc(core: Core): RpcClient {
  return createInProcessClient(core.dispatcher, core.events)
}

/** A call that must succeed: answers its value, or throws the error the core gave. */
export async function callOk<M extends MethodName>(
  client: RpcClient,
  method: M,
  params: Params<M>,
): Promise<Result<M>> {
  const result = await client.call(method, params)
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`)
  return result.value
}
