import Conf from 'conf'
import type { SettingsStore } from './ports'
import { createValidatedSettings } from './validated-settings'

/**
 * Settings in `<dataDir>/settings.json` through conf (atomic writes). What is read back is
 * validated: a hand-edited or older file falls back to defaults field by field, never crashes.
 */
export function createNodeSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'fieldstation',
  })
  return createValidatedSettings({
    read: () => conf.store,
    write: (settings) => {
      conf.store = settings
    },
  })
}
