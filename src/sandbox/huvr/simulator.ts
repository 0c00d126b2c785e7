import type { RunningSimulator, SimulatorFactory } from '../simulator'
import { createApiRouter } from './api/routes'
import { type Clock, systemClock } from '../common/clock'
import { mergeFaults } from '../common/faults'
import {
  closeServer,
  controlsOf,
  listenOnLoopback,
  type SimulatorControls,
  type SimulatorOptions,
} from '../common/running'
import { createHuvrServer } from './http/server'
import { type HuvrCredentials, HuvrRuntime } from './runtime'
import { generateHuvrState, type SeedOptions } from './seed/generator'
import {
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type HuvrSettings,
  mergeSettings,
  type SettingsPatch,
} from './settings'
import type { HuvrState } from './state/state'

/** The sandbox service account. Not a secret: it only opens this simulator. */
export const SANDBOX_CREDENTIALS: HuvrCredentials = {
  client_id: 'fieldstation.service-account@sandbox.huvrdata.app',
  client_secret: 'huvr-sandbox-client-secret-2f6c1a9e',
}

export interface HuvrSimulatorOptions extends SimulatorOptions<SettingsPatch> {
  /** Size and seed of the generated workspace (default 500 assets, seed 1). */
  seed?: Partial<SeedOptions>
  /** Serve an existing state instead of generating one (e.g. to share a big one across tests). */
  state?: HuvrState
  credentials?: HuvrCredentials
  /** Time source for token and URL expiry, throttling and timestamps (tests pass a manual clock). */
  clock?: Clock
}

export interface RunningHuvrSimulator
  extends RunningSimulator, SimulatorControls<HuvrSettings, SettingsPatch> {
  /** `http://127.0.0.1:<port>`; the API is under `/api/`, storage under `/storage/`. */
  baseUrl: string
  credentials: { client_id: string; client_secret: string }
  /** The live server state: read it, or change it with `state.edit/insert/remove`. */
  state: HuvrState
  /** Expires every token issued so far. */
  expireTokens(): void
  /** Resolves when no media is waiting to be processed. */
  settled(): Promise<void>
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
  const baseUrl = await listenOnLoopback(server, options.port)
  return Object.assign(controlsOf(runtime), {
    baseUrl,
    credentials: { ...credentials },
    state,
    expireTokens: () => runtime.tokens.expireAll(runtime.clock()),
    settled: () => runtime.processor.settled(),
    async stop() {
      runtime.processor.stop()
      await closeServer(server)
    },
  })
}

/** The sandbox's HUVR: 500 seeded assets and the sandbox service account. */
export const huvrSimulator: SimulatorFactory = {
  system: 'huvr',
  start: ({ port }) => startHuvrSimulator({ port }),
}
