import { randomBytes } from 'node:crypto'
import { ListingCache } from './api/listing'
import { RateThrottle } from './api/throttle'
import { TokenStore } from './api/tokens'
import type { Clock } from '../common/clock'
import { FaultInjector } from '../common/faults'
import { RequestLog } from '../common/request-log'
import { installSeedObjects, MediaProcessor } from './media/processing'
import {
  type ConfigPatch,
  configPatchSchema,
  type FaultSettings,
  type HuvrSettings,
  mergeFaults,
  mergeSettings,
} from './settings'
import { createIndexes, type StateIndexes } from './state/indexes'
import type { HuvrState } from './state/state'
import { ResumableSessions } from './storage/resumable'
import { UrlSigner } from './storage/signing'

export interface HuvrCredentials {
  client_id: string
  client_secret: string
}

export interface RuntimeOptions {
  state: HuvrState
  settings: HuvrSettings
  faults: FaultSettings
  credentials: HuvrCredentials
  clock: Clock
}

/** One simulated server: its state plus everything that lives between requests. */
export class HuvrRuntime {
  settings: HuvrSettings
  faults: FaultSettings
  readonly state: HuvrState
  readonly clock: Clock
  readonly credentials: HuvrCredentials
  readonly tokens: TokenStore
  readonly signer: UrlSigner
  readonly throttle = new RateThrottle()
  readonly listings = new ListingCache()
  readonly sessions = new ResumableSessions()
  readonly indexes: StateIndexes
  readonly processor: MediaProcessor
  readonly requestLog: RequestLog
  readonly faultInjector: FaultInjector

  constructor(options: RuntimeOptions) {
    this.settings = options.settings
    this.faults = options.faults
    this.state = options.state
    this.clock = options.clock
    this.credentials = options.credentials
    this.state.clock = options.clock
    // Each run signs with its own key: URLs from another run must not validate.
    const secret = randomBytes(32).toString('hex')
    this.tokens = new TokenStore(secret)
    this.signer = new UrlSigner(secret)
    this.indexes = createIndexes(this.state)
    this.processor = new MediaProcessor(this.state, () => this.settings)
    this.requestLog = new RequestLog(() => this.settings.requestLogLimit)
    this.faultInjector = new FaultInjector(this.faults.seed)
    installSeedObjects(this.state, () => this.settings)
  }

  /** Changes settings and faults while running; throws (zod) on an invalid patch. */
  configure(patch: ConfigPatch): void {
    const parsed = configPatchSchema.parse(patch)
    if (parsed.settings !== undefined) {
      const throttleChanged = 'throttle' in parsed.settings
      this.settings = mergeSettings(this.settings, parsed.settings)
      if (throttleChanged) this.throttle.reset()
    }
    if (parsed.faults !== undefined) {
      this.faults = mergeFaults(this.faults, parsed.faults)
      if (parsed.faults.seed !== undefined) this.faultInjector.reseed(this.faults.seed)
    }
  }
}
