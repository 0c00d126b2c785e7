import { z } from 'zod'

/** User preferences. Secrets never live here: they go to the secret store. */
export const settingsSchema = z.object({
  /** When on, nothing talks to any server until the inspector turns it off. */
  workOffline: z.boolean().default(false),
  /** Uploads running at once per connection. */
  uploadConcurrency: z.number().int().min(1).max(8).default(3),
  /** Days to keep a local copy of a file after the server confirmed its upload. */
  keepUploadedFilesDays: z.number().int().min(0).max(365).default(30),
})
export type Settings = z.infer<typeof settingsSchema>

export const settingsPatchSchema = settingsSchema.partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})
