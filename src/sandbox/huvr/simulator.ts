import type { AddressInfo } from 'node:net'
import type { RunningSimulator, SimulatorFactory } from '../simulator'
import { createApiRouter } from './api/routes'
import { type Clock, systemClock } from '../common/clock'
import type { ScriptedFault } from '../common/faults'
import type { RequestLogEntry } from '../common/request-log'
import { createHuvrServer } from './http/server'
import { type HuvrCredentials, HuvrRuntime } from './runtime'
import { generateHuvrState, type SeedOptions } from './seed/generator'
import {
  type ConfigPatch,
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type FaultSettings,
  type FaultsPatch,
  type HuvrSettings,
  mergeFaults,
  mergeSettings,
  type SettingsPatch,
} from './settings'
import type { HuvrState } from './state/state'

/** The sandbox service account. Not a secret: it only opens this simulator. */
export const SANDBOX_CREDENTIALS: HuvrCredentials = {
  client_id: 'fieldstation.service-account@sandbox.huvrdata.app',
  client_secret: 'huvr-sandbox-client-secret-2f6c1a9e',
}

export interface HuvrSimulatorOptions {
  /** 0 (the default) picks a free port. Always bound to 127.0.0.1. */
  port?: number
  /** Size and seed of the generated workspace (default 500 assets, seed 1). */
  seed?: Partial<SeedOptions>
  /** Serve an existing state instead of generating one (e.g. to share a big one across tests). */
  state?: HuvrState
  settings?: SettingsPatch
  faults?: FaultsPatch
  credentials?: HuvrCredentials
  /** Time source for token and URL expiry, throttling and timestamps (tests pass a manual clock). */
  clock?: Clock
}

export interface RunningHuvrSimulator extends RunningSimulator {
  /** `http://127.0.0.1:<port>`; the API is under `/api/`, storage under `/storage/`. */
  baseUrl: string
  credentials: { client_id: string; client_secret: string }
  /** The live server state: read it, or change it with `state.edit/insert/remove`. */
  state: HuvrState
  readonly settings: HuvrSettings
  readonly faults: FaultSettings
  /** Every request so far (oldest first; see the requestLogLimit setting). */
  readonly requestLog: readonly RequestLogEntry[]
  /** Changes settings and faults at run time; throws on an invalid patch. */
  configure(patch: ConfigPatch): void
  /** Makes the next matching request(s) fail in a given way, regardless of the random rates. */
  failNext(fault: ScriptedFault): void
  clearRequestLog(): void
  /** Expires every token issued so far. */
  expireTokens(): void
  /** Resolves when no media is waiting to be processed. */
  settled(): Promise<void>
  stop(): Promise<void>
}

export async function startHuvrSimulator(
  options: HuvrSimulatorOptions = {},
): Promise<RunningHuvrSimulator> {
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS
  const state =
    options.state ??
    generateHuvrState({ ...options.seed, serviceAccountEmail: credentials.client_id })
  const runtime = new HuvrRuntime({
    state,
    settings: mergeSettings(DEFAULT_SETTINGS, options.settings),
    faults: mergeFaults(structuredClone(DEFAULT_FAULTS), options.faults),
    credentials,
    clock: options.clock ?? systemClock,
  })
  const server = createHuvrServer(runtime, createApiRouter())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    credentials: { ...credentials },
    state,
    get settings() {
      return runtime.settings
    },
    get faults() {
      return runtime.faults
    },
    get requestLog() {
      return runtime.requestLog.entries
    },
    configure: (patch) => runtime.configure(patch),
    failNext: (fault) => runtime.faultInjector.enqueue(fault),
    clearRequestLog: () => runtime.requestLog.clear(),
    expireTokens: () => runtime.tokens.expireAll(runtime.clock()),
    settled: () => runtime.processor.settled(),
    async stop() {
      runtime.processor.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

/** The sandbox's HUVR: 500 seeded assets and the sandbox service account. */
export const huvrSimulator: SimulatorFactory = {
  system: 'huvr',
  start: ({ port }) => startHuvrSimulator({ port }),
}
