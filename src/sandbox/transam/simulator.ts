import { type Clock, systemClock } from '../common/clock'
import { mergeFaults } from '../common/faults'
import {
  closeServer,
  controlsOf,
  listenOnLoopback,
  type SimulatorControls,
  type SimulatorOptions,
} from '../common/running'
import type { RunningSimulator, SimulatorFactory } from '../simulator'
import { createApiRouter } from './api/routes'
import { unlockUsers } from './http/control'
import { createTransamServer } from './http/server'
import { type TransamCredentials, TransamRuntime } from './runtime'
import {
  DEFAULT_TRANSAM_SEED,
  generateTransamState,
  type TransamSeedOptions,
} from './seed/generator'
import { sandboxMirrorOf } from './seed/mirror'
import {
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  mergeSettings,
  type SettingsPatch,
  type TransamSettings,
} from './settings'
import type { TransamState } from './state/state'

/** The sandbox user. Not a secret: it only opens this simulator. */
export const SANDBOX_CREDENTIALS: TransamCredentials = {
  email: DEFAULT_TRANSAM_SEED.sandboxEmail,
  password: DEFAULT_TRANSAM_SEED.sandboxPassword,
}

export interface TransamSimulatorOptions extends SimulatorOptions<SettingsPatch> {
  /** Size, seed and HUVR twins of the generated database (default 300 assets, seed 1). */
  seed?: Partial<Omit<TransamSeedOptions, 'sandboxEmail' | 'sandboxPassword'>>
  /** Serve an existing state instead of generating one. */
  state?: TransamState
  /** The sandbox user's email and password (used when generating). */
  credentials?: TransamCredentials
  /** Time source for lockouts, URL expiry, object keys and timestamps (tests pass a manual clock). */
  clock?: Clock
}

export interface RunningTransamSimulator
  extends RunningSimulator, SimulatorControls<TransamSettings, SettingsPatch> {
  /** `http://127.0.0.1:<port>`; the API is under `/api/`, document files under `/s3/`. */
  baseUrl: string
  credentials: { email: string; password: string }
  /** The live server state (users, assets, documents, `mirrorPairs`…). */
  state: TransamState
  /** Clears every lockout and failed-attempt counter. */
  unlockUsers(): void
  /** The current token of a user (by email), as if read from the database. */
  tokenOf(email: string): string | undefined
}

export async function startTransamSimulator(
  options: TransamSimulatorOptions = {},
): Promise<RunningTransamSimulator> {
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS
  const state =
    options.state ??
    generateTransamState({
      ...options.seed,
      sandboxEmail: credentials.email,
      sandboxPassword: credentials.password,
    })
  const runtime = new TransamRuntime({
    state,
    settings: mergeSettings(DEFAULT_SETTINGS, options.settings),
    faults: mergeFaults(structuredClone(DEFAULT_FAULTS), options.faults),
    clock: options.clock ?? systemClock,
  })
  const server = createTransamServer(runtime, createApiRouter())
  const baseUrl = await listenOnLoopback(server, options.port)
  return Object.assign(controlsOf(runtime), {
    baseUrl,
    credentials: { ...credentials },
    state,
    unlockUsers: () => unlockUsers(runtime),
    tokenOf: (email: string) => state.userByEmail(email.toLowerCase())?.authentication_token,
    stop: () => closeServer(server),
  })
}

/**
 * The sandbox's TransAM: 300 seeded transit assets, the sandbox user, and twins of some of the
 * HUVR sandbox's default assets so link suggestions show up in the sandbox workspace.
 */
export const transamSimulator: SimulatorFactory = {
  system: 'transam',
  start: ({ port }) => startTransamSimulator({ port, seed: { mirrorOf: sandboxMirrorOf() } }),
}
