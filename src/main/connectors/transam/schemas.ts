import { z } from 'zod'

/**
 * TransAM answers in JSend envelopes (with the quirks the research lists). What we rely on is
 * checked here; objects are loose so unknown fields are kept in the cache.
 */
export const jsendSchema = z.looseObject({
  status: z.enum(['success', 'fail', 'error']),
  data: z.unknown().optional(),
  message: z.string().optional(),
})

const organizationRef = z.looseObject({ id: z.number().int(), name: z.string().nullish() })

export const organizationSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  short_name: z.string().nullish(),
})

export const userSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  email: z.string().nullish(),
})

export const usersDataSchema = z.looseObject({ users: z.array(userSchema) })

export const OBJECT_KEY = /^[0-9A-N]{12}$/

export const assetSummarySchema = z.looseObject({
  object_key: z.string().regex(OBJECT_KEY),
  description: z.string().nullish(),
})

export const assetIndexDataSchema = z.looseObject({
  count: z.number().int().nonnegative().optional(),
  assets: z.array(assetSummarySchema),
})

const named = z.looseObject({ name: z.string().nullish() })

export const assetSchema = z.looseObject({
  object_key: z.string().regex(OBJECT_KEY),
  asset_tag: z.string().nullish(),
  external_id: z.string().nullish(),
  description: z.string().nullish(),
  serial_number: z.string().nullish(),
  in_service_date: z.string().nullish(),
  organization: organizationRef.nullish(),
  asset_subtype: named.extend({ asset_type: named.nullish() }).nullish(),
})
export type TransamAsset = z.infer<typeof assetSchema>

export const documentSchema = z.looseObject({
  object_key: z.string().regex(OBJECT_KEY),
  description: z.string().nullish(),
  url: z.string().nullish(),
  original_filename: z.string().nullish(),
  file_size: z.number().int().nullish(),
})
export type TransamDocument = z.infer<typeof documentSchema>

export const documentsDataSchema = z.looseObject({ documents: z.array(documentSchema) })
export const documentDataSchema = z.looseObject({ document: documentSchema })

export const signInDataSchema = z.looseObject({
  session: z.looseObject({ authentication_token: z.string().min(1) }),
})

/** The `errors` of a failed sign-in: TransAM's own sentences, keyed by what went wrong. */
export const signInErrorsSchema = z.looseObject({
  errors: z.looseObject({
    email: z.string().optional(),
    password: z.string().optional(),
    last_attempt: z.string().optional(),
    locked: z.string().optional(),
  }),
})
