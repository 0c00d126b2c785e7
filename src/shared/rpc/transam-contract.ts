import { z } from 'zod'
import {
  assetDetailSchema,
  assetSearchParamsSchema,
  mediaRowSchema,
  projectRowSchema,
} from './huvr-contract'

/** Shapes of the TransAM cache and of cross-system asset links as the renderer sees them. */
export const SOURCES = ['huvr', 'transam'] as const
export type AssetSource = (typeof SOURCES)[number]

/** One row of the unified asset list: HUVR and TransAM assets side by side. */
export const unifiedAssetRowSchema = z.object({
  source: z.enum(SOURCES),
  connectionId: z.string(),
  /** HUVR's integer id as text, or TransAM's 12-character object_key. */
  key: z.string(),
  name: z.string(),
  typeName: z.string().nullable(),
  /** The asset path (HUVR) or the organization (TransAM). */
  location: z.string().nullable(),
  externalId: z.string().nullable(),
  /** TransAM's asset tag (e.g. BUS-1042). */
  assetTag: z.string().nullable(),
  /** Linked (confirmed) to an asset in the other system. */
  linked: z.boolean(),
})
export type UnifiedAssetRow = z.infer<typeof unifiedAssetRowSchema>

export const transamAssetRowSchema = z.object({
  connectionId: z.string(),
  key: z.string(),
  description: z.string().nullable(),
  assetTag: z.string().nullable(),
  externalId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  typeName: z.string().nullable(),
  subtypeName: z.string().nullable(),
  organization: z.string().nullable(),
  inServiceDate: z.string().nullable(),
  availableOffline: z.boolean(),
})
export type TransamAssetRow = z.infer<typeof transamAssetRowSchema>

export const documentRowSchema = z.object({
  connectionId: z.string(),
  key: z.string(),
  assetKey: z.string(),
  description: z.string().nullable(),
  filename: z.string().nullable(),
  /** The local copy in the app's store (open it with fileUrl), or null until downloaded. */
  fileSha256: z.string().nullable(),
  size: z.number().int().nullable(),
})
export type DocumentRow = z.infer<typeof documentRowSchema>

const huvrAssetRefSchema = z.object({
  connectionId: z.string(),
  id: z.number().int(),
  name: z.string(),
  assetPath: z.string().nullable(),
})
const transamAssetRefSchema = z.object({
  connectionId: z.string(),
  key: z.string(),
  description: z.string().nullable(),
  assetTag: z.string().nullable(),
})

export const linkRefSchema = z
  .object({
    huvrConnectionId: z.string(),
    huvrId: z.number().int(),
    transamConnectionId: z.string(),
    transamKey: z.string(),
  })
  .strict()
export type LinkRef = z.infer<typeof linkRefSchema>

/** A possible pair, with every reason it was suggested ("Asset tag BUS-1042 = HUVR name"). */
export const linkSuggestionSchema = z.object({
  huvr: huvrAssetRefSchema,
  transam: transamAssetRefSchema,
  reasons: z.array(z.string()).min(1),
})
export type LinkSuggestion = z.infer<typeof linkSuggestionSchema>

export const transamAssetDetailSchema = z.object({
  row: transamAssetRowSchema,
  /** The server's record, every field it sent. */
  record: z.record(z.string(), z.unknown()),
  documents: z.array(documentRowSchema),
  /** Confirmed HUVR twins with their projects and media (media of offline projects only). */
  linkedHuvr: z.array(
    z.object({
      asset: huvrAssetRefSchema,
      projects: z.array(projectRowSchema),
      media: z.array(mediaRowSchema),
    }),
  ),
  suggestions: z.array(linkSuggestionSchema),
})
export type TransamAssetDetail = z.infer<typeof transamAssetDetailSchema>

/** What HUVR's asset detail adds from TransAM. */
export const linkedTransamSchema = z.array(
  z.object({ asset: transamAssetRowSchema, documents: z.array(documentRowSchema) }),
)

export const transamAccountParamsSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    baseUrl: z.url({ protocol: /^https?$/ }),
    email: z.email(),
  })
  .strict()

/**
 * The outcome of one sign-in the user asked for. Never retried by the app: a second wrong
 * password would bring the account closer to TransAM's lockout.
 */
export const transamSignInResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['wrong-password', 'locked', 'unknown-email', 'unreachable', 'unexpected']),
    /** TransAM's own words, e.g. "Incorrect password for a@b.org." */
    message: z.string(),
    /** TransAM's warning before the lockout: "You have one more attempt before account is locked for 5 minutes." */
    warning: z.string().nullable(),
    /** While locked: when the next attempt can succeed (epoch ms). */
    lockedUntil: z.number().int().nullable(),
  }),
])
export type TransamSignInResult = z.infer<typeof transamSignInResultSchema>

/** The unified asset list: both systems, or one with `source`. HUVR-only filters imply HUVR. */
export const unifiedAssetSearchParamsSchema = assetSearchParamsSchema
  .extend({ source: z.enum(SOURCES).optional() })
  .strict()

/** A HUVR asset's page, with its TransAM twins and their documents. */
export const huvrAssetDetailSchema = assetDetailSchema.extend({
  linkedTransam: linkedTransamSchema,
  suggestions: z.array(linkSuggestionSchema),
})
