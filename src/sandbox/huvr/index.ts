export { createManualClock, type Clock, type ManualClock } from '../common/clock'
export type { FaultKind, ScriptedFault } from '../common/faults'
export type { RequestLogEntry } from '../common/request-log'
export type { HuvrCredentials } from './runtime'
export { DEFAULT_SEED, generateHuvrState, SEED_EPOCH, type SeedOptions } from './seed/generator'
export {
  type ConfigPatch,
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type FaultSettings,
  type HuvrSettings,
} from './settings'
export type * from './state/records'
export { HuvrState } from './state/state'
export {
  huvrSimulator,
  type HuvrSimulatorOptions,
  type RunningHuvrSimulator,
  SANDBOX_CREDENTIALS,
  startHuvrSimulator,
} from './simulator'
