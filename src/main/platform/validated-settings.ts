import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings'
import type { SettingsStore } from './ports'

export interface RawSettingsFile {
  read(): Record<string, unknown>
  write(settings: Settings): void
}

/** Shared by the Node (conf) and Electron (electron-store) adapters. */
export function createValidatedSettings(file: RawSettingsFile): SettingsStore {
  const load = (): Settings => {
    const raw = file.read()
    const parsed = settingsSchema.safeParse(raw)
    if (parsed.success) return parsed.data
    // Keep every field that is valid on its own; default the rest.
    const defaults = settingsSchema.parse({})
    const merged: Record<string, unknown> = { ...defaults }
    for (const key of Object.keys(defaults)) {
      const candidate = { ...defaults, [key]: raw[key] }
      if (settingsSchema.safeParse(candidate).success) merged[key] = raw[key]
    }
    return settingsSchema.parse(merged)
  }
  return {
    get: load,
    update(patch: SettingsPatch) {
      const next = settingsSchema.parse({ ...load(), ...patch })
      file.write(next)
      return next
    },
  }
}
