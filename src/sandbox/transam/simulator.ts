import type { AddressInfo } from 'node:net'
import { type Clock, systemClock } from '../common/clock'
import type { ScriptedFault } from '../common/faults'
import type { RequestLogEntry } from '../common/request-log'
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
  type ConfigPatch,
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type FaultSettings,
  type FaultsPatch,
  mergeFaults,
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

export interface TransamSimulatorOptions {
  /** 0 (the default) picks a free port. Always bound to 127.0.0.1. */
  port?: number
  /** Size, seed and HUVR twins of the generated database (default 300 assets, seed 1). */
  seed?: Partial<Omit<TransamSeedOptions, 'sandboxEmail' | 'sandboxPassword'>>
  /** Serve an existing state instead of generating one. */
  state?: TransamState
  settings?: SettingsPatch
  faults?: FaultsPatch
  /** The sandbox user's email and password (used when generating). */
  credentials?: TransamCredentials
  /** Time source for lockouts, URL expiry, object keys and timestamps (tests pass a manual clock). */
  clock?: Clock
}

export interface RunningTransamSimulator extends RunningSimulator {
  /** `http://127.0.0.1:<port>`; the API is under `/api/`, document files under `/s3/`. */
  baseUrl: string
  credentials: { email: string; password: string }
  /** The live server state (users, assets, documents, `mirrorPairs`…). */
  state: TransamState
  readonly settings: TransamSettings
  readonly faults: FaultSettings
  /** Every request so far (oldest first; see the requestLogLimit setting). */
  readonly requestLog: readonly RequestLogEntry[]
  /** Changes settings and faults at run time; throws on an invalid patch. */
  configure(patch: ConfigPatch): void
  /** Makes the next matching request(s) fail in a given way, regardless of the random rates. */
  failNext(fault: ScriptedFault): void
  clearRequestLog(): void
  /** Clears every lockout and failed-attempt counter. */
  unlockUsers(): void
  /** The current token of a user (by email), as if read from the database. */
  tokenOf(email: string): string | undefined
  stop(): Promise<void>
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
    unlockUsers: () => unlockUsers(runtime),
    tokenOf: (email) => state.userByEmail(email.toLowerCase())?.authentication_token,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

/**
 * The sandbox's TransAM: 300 seeded transit assets, the sandbox user, and twins of some of the
 * HUVR sandbox's default assets so link suggestions show up in the sandbox workspace.
 */
export const transamSimulator: SimulatorFactory = {
  system: 'transam',
  start: ({ port }) => startTransamSimulator({ port, seed: { mirrorOf: sandboxMirrorOf() } }),
}
