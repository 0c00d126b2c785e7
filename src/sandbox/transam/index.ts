export { type Clock, createManualClock, type ManualClock } from '../common/clock'
export type { FaultKind, ScriptedFault } from '../common/faults'
export type { RequestLogEntry } from '../common/request-log'
export { OBJECT_KEY_PATTERN } from './state/object-key'
export { QUERY_FIELDS, QUERY_OPERATORS } from './api/query-fields'
export type { TransamCredentials } from './runtime'
export {
  DEFAULT_TRANSAM_SEED,
  generateTransamState,
  TRANSAM_SEED_EPOCH,
  type TransamSeedOptions,
} from './seed/generator'
export {
  type HuvrAssetLike,
  huvrMirrorCandidates,
  SANDBOX_MIRROR_COUNT,
  sandboxMirrorOf,
} from './seed/mirror'
export {
  type ConfigPatch,
  DEFAULT_FAULTS,
  DEFAULT_SETTINGS,
  type FaultSettings,
  type TransamSettings,
} from './settings'
export type * from './state/records'
export { type HuvrAssetRef, type MirrorMatch, type MirrorPair, TransamState } from './state/state'
export {
  type RunningTransamSimulator,
  SANDBOX_CREDENTIALS,
  startTransamSimulator,
  type TransamSimulatorOptions,
  transamSimulator,
} from './simulator'
