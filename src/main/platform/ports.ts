import type { Settings, SettingsPatch } from '../../shared/settings'

/**
 * What the core needs from the host it runs in. Electron and plain Node each provide their own
 * adapters (src/main/electron and src/main/platform/node), so the core never imports electron.
 */
export interface SettingsStore {
  get(): Settings
  update(patch: SettingsPatch): Settings
}

export interface SecretStore {
  get(name: string): string | null
  set(name: string, value: string): void
  delete(name: string): void
  /** One sentence for the user: what protects secrets at rest in this mode. */
  readonly protection: string
}

export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
