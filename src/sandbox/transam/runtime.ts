import { randomBytes } from 'node:crypto'
import { SimulatorRuntime, type SimulatorRuntimeOptions } from '../common/runtime'
import {
  mergeSettings,
  type SettingsPatch,
  settingsPatchSchema,
  type TransamSettings,
} from './settings'
import type { TransamState } from './state/state'
import { S3Signer } from './storage/signing'

export interface TransamCredentials {
  email: string
  password: string
}

export interface RuntimeOptions extends SimulatorRuntimeOptions<TransamSettings> {
  state: TransamState
}

/** One simulated server: its state plus everything that lives between requests. */
export class TransamRuntime extends SimulatorRuntime<TransamSettings, SettingsPatch> {
  readonly state: TransamState
  readonly signer: S3Signer

  constructor(options: RuntimeOptions) {
    super(options, settingsPatchSchema)
    this.state = options.state
    this.state.clock = options.clock
    // Each run signs with its own key: URLs from another run must not validate.
    this.signer = new S3Signer(randomBytes(32).toString('hex'))
  }

  protected override applySettings(patch: SettingsPatch): void {
    this.settings = mergeSettings(this.settings, patch)
  }
}
