import { randomBytes } from 'node:crypto'
import { ListingCache } from './api/listing'
import { RateThrottle } from './api/throttle'
import { TokenStore } from './api/tokens'
import type { LinkSettings } from '../common/link'
import { SimulatorRuntime, type SimulatorRuntimeOptions } from '../common/runtime'
import { installLazyObjects, MediaProcessor } from './media/processing'
import {
  type HuvrSettings,
  mergeSettings,
  type SettingsPatch,
  settingsPatchSchema,
} from './settings'
import { createIndexes, type StateIndexes } from './state/indexes'
import type { HuvrState } from './state/state'
import { ResumableSessions } from './storage/resumable'
import { UrlSigner } from './storage/signing'

export interface HuvrCredentials {
  client_id: string
  client_secret: string
}

export interface RuntimeOptions extends SimulatorRuntimeOptions<HuvrSettings> {
  state: HuvrState
  credentials: HuvrCredentials
}

/** One simulated server: its state plus everything that lives between requests. */
export class HuvrRuntime extends SimulatorRuntime<HuvrSettings, SettingsPatch> {
  readonly state: HuvrState
  readonly credentials: HuvrCredentials
  readonly tokens: TokenStore
  readonly signer: UrlSigner
  readonly throttle = new RateThrottle()
  readonly listings = new ListingCache()
  readonly sessions = new ResumableSessions()
  readonly indexes: StateIndexes
  readonly processor: MediaProcessor

  constructor(options: RuntimeOptions) {
    super(options, settingsPatchSchema)
    this.state = options.state
    this.credentials = options.credentials
    this.state.clock = options.clock
    // Each run signs with its own key: URLs from another run must not validate.
    const secret = randomBytes(32).toString('hex')
    this.tokens = new TokenStore(secret)
    this.signer = new UrlSigner(secret)
    this.indexes = createIndexes(this.state)
    this.processor = new MediaProcessor(this.state, () => this.settings)
    installLazyObjects(this.state, () => this.settings)
  }

  /** The field link the server is reached over (the `link…` settings). */
  get link(): LinkSettings {
    return {
      latencyMs: this.settings.linkLatencyMs,
      connectionBitsPerSecond: this.settings.linkConnectionBitsPerSecond,
      totalBitsPerSecond: this.settings.linkTotalBitsPerSecond,
    }
  }

  /** A new throttle rate starts counting afresh. */
  protected override applySettings(patch: SettingsPatch): void {
    const throttleChanged = 'throttle' in patch
    this.settings = mergeSettings(this.settings, patch)
    if (throttleChanged) this.throttle.reset()
  }
}
