import { z } from 'zod'
import { defaultFaults, type FaultSettings } from '../common/faults'
import { mergePatch } from '../common/patch'
import type { ConfigPatch as CommonConfigPatch } from '../common/runtime'

export type { FaultSettings } from '../common/faults'

/**
 * Every behaviour of the simulator that the research marks inferred [I] or unknown [U], and every
 * per-deployment host setting, is a setting, so a client can be tested against the plausible
 * alternatives. Defaults follow the research; the README lists each one with its marker.
 */
export const settingsSchema = z.object({
  /** `max_upload_file_size` (MB): a bigger document is a 400 fail [C 4 MB in transam_core]. */
  maxUploadFileSizeMb: z.number().positive(),
  /** Enforce the uploader's extension list (CarrierWave 2.2 ignores the old-named method [I]). */
  enforceExtensionAllowlist: z.boolean(),
  extensionAllowlist: z.array(z.string().min(1)),
  /** Reject a document without a description (an older Document model validates it [I]). */
  documentDescriptionRequired: z.boolean(),
  /** Lifetime of the signed S3 URL in a document's `url` (aws-sdk presign default [I]). */
  documentUrlLifetimeSeconds: z.number().positive(),
  /**
   * Actions that only have a `.json.jbuilder` template answer 500 (UnknownFormat) when the request
   * does not negotiate JSON (Accept, `.json` or `?format=json`) [I Rails].
   */
  requireJsonFormat: z.boolean(),
  /** `all` (today: every asset plus `count`) or the 2018–2020 api-pagination mode [C]. */
  assetsIndex: z.enum(['all', 'legacy-paginated']),
  /** Kaminari's default page size in legacy mode [I]. */
  legacyPerPage: z.number().int().positive(),
  /** Devise lockable: failures before the lock, and how long the lock lasts [C]. */
  maximumAttempts: z.number().int().min(2),
  unlockInSeconds: z.number().positive(),
  /**
   * Malformed JSON body: the CatchJsonParseErrors middleware's 400 fail [C in the engine's dummy
   * app], or a 500 error where the host app lacks it [U].
   */
  malformedJson: z.enum(['fail-400', 'error-500']),
  /** Rails wrap_parameters for JSON: a body without `asset` is wrapped into it [U per host]. */
  wrapParameters: z.boolean(),
  /** Show transit typed-asset fields (`serial_number`, `transam_assetible_type`) on assets [I]. */
  transitAssetFields: z.boolean(),
  /** Include a Ruby-like `backtrace` in 500 error envelopes [C]. */
  errorBacktrace: z.boolean(),
  /** Bucket name in signed document URLs (simulator only). */
  storageBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
  /** How many request-log entries are kept (oldest dropped first). */
  requestLogLimit: z.number().int().positive(),
})
export type TransamSettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: TransamSettings = {
  maxUploadFileSizeMb: 4,
  enforceExtensionAllowlist: false,
  extensionAllowlist: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt'],
  documentDescriptionRequired: false,
  documentUrlLifetimeSeconds: 900,
  requireJsonFormat: true,
  assetsIndex: 'all',
  legacyPerPage: 25,
  maximumAttempts: 4,
  unlockInSeconds: 300,
  malformedJson: 'fail-400',
  wrapParameters: false,
  transitAssetFields: true,
  errorBacktrace: true,
  storageBucket: 'transam-sandbox-uploads',
  requestLogLimit: 10_000,
}

export const DEFAULT_FAULTS: FaultSettings = defaultFaults(['/api/', '/s3/'])

export const settingsPatchSchema = settingsSchema.partial().strict()

export type SettingsPatch = z.input<typeof settingsPatchSchema>
/** What `configure()` and the control route accept. */
export type ConfigPatch = CommonConfigPatch<SettingsPatch>

export function mergeSettings(
  current: TransamSettings,
  patch: SettingsPatch = {},
): TransamSettings {
  return mergePatch(settingsSchema, settingsPatchSchema, current, patch)
}
