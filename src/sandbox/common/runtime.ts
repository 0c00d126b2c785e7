import { z } from 'zod'
import type { Clock } from './clock'
import {
  FaultInjector,
  type FaultSettings,
  type FaultsPatch,
  faultsPatchSchema,
  mergeFaults,
} from './faults'
import { RequestLog } from './request-log'

/** What `configure()` and the `/_simulator/config` route accept. */
export interface ConfigPatch<SettingsPatch> {
  settings?: SettingsPatch
  faults?: FaultsPatch
}

export interface SimulatorRuntimeOptions<Settings> {
  settings: Settings
  faults: FaultSettings
  clock: Clock
}

/**
 * What every simulated server keeps between requests besides its own state: the settings and
 * faults in force, the clock, the request log and the fault injector. A system adds its state and
 * says how a settings patch is merged (`applySettings`).
 */
export abstract class SimulatorRuntime<
  Settings extends { requestLogLimit: number },
  SettingsPatch,
> {
  settings: Settings
  faults: FaultSettings
  readonly clock: Clock
  readonly requestLog: RequestLog
  readonly faultInjector: FaultInjector
  private readonly configPatchSchema: z.ZodType<ConfigPatch<SettingsPatch>>

  constructor(
    options: SimulatorRuntimeOptions<Settings>,
    settingsPatchSchema: z.ZodType<SettingsPatch>,
  ) {
    this.settings = options.settings
    this.faults = options.faults
    this.clock = options.clock
    this.requestLog = new RequestLog(() => this.settings.requestLogLimit)
    this.faultInjector = new FaultInjector(this.faults.seed)
    this.configPatchSchema = z
      .object({ settings: settingsPatchSchema.optional(), faults: faultsPatchSchema.optional() })
      .strict()
  }

  /** Changes settings and faults while running; throws (zod) on an invalid patch. */
  configure(patch: ConfigPatch<SettingsPatch>): void {
    const parsed = this.configPatchSchema.parse(patch)
    if (parsed.settings !== undefined) this.applySettings(parsed.settings)
    if (parsed.faults !== undefined) {
      this.faults = mergeFaults(this.faults, parsed.faults)
      if (parsed.faults.seed !== undefined) this.faultInjector.reseed(this.faults.seed)
    }
  }

  /** Merges a settings patch (already checked against the patch schema) into `settings`. */
  protected abstract applySettings(patch: SettingsPatch): void
}
