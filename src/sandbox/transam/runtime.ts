import { randomBytes } from 'node:crypto'
import type { Clock } from '../common/clock'
import { FaultInjector, type FaultSettings } from '../common/faults'
import { RequestLog } from '../common/request-log'
import {
  type ConfigPatch,
  configPatchSchema,
  mergeFaults,
  mergeSettings,
  type TransamSettings,
} from './settings'
import type { TransamState } from './state/state'
import { S3Signer } from './storage/signing'

export interface TransamCredentials {
  email: string
  password: string
}

export interface RuntimeOptions {
  state: TransamState
  settings: TransamSettings
  faults: FaultSettings
  clock: Clock
}

/** One simulated server: its state plus everything that lives between requests. */
export class TransamRuntime {
  settings: TransamSettings
  faults: FaultSettings
  readonly state: TransamState
  readonly clock: Clock
  readonly signer: S3Signer
  readonly requestLog: RequestLog
  readonly faultInjector: FaultInjector

  constructor(options: RuntimeOptions) {
    this.settings = options.settings
    this.faults = options.faults
    this.state = options.state
    this.clock = options.clock
    this.state.clock = options.clock
    // Each run signs with its own key: URLs from another run must not validate.
    this.signer = new S3Signer(randomBytes(32).toString('hex'))
    this.requestLog = new RequestLog(() => this.settings.requestLogLimit)
    this.faultInjector = new FaultInjector(this.faults.seed)
  }

  /** Changes settings and faults while running; throws (zod) on an invalid patch. */
  configure(patch: ConfigPatch): void {
    const parsed = configPatchSchema.parse(patch)
    if (parsed.settings !== undefined) this.settings = mergeSettings(this.settings, parsed.settings)
    if (parsed.faults !== undefined) {
      this.faults = mergeFaults(this.faults, parsed.faults)
      if (parsed.faults.seed !== undefined) this.faultInjector.reseed(this.faults.seed)
    }
  }
}
