import type { SafeStorage } from 'electron'
import Store from 'electron-store'
import type { SecretStore, SettingsStore } from '../platform/ports'
import { createValidatedSettings } from '../platform/validated-settings'

/** Settings through electron-store in the app's userData folder. */
export function createElectronSettingsStore(userDataDir: string): SettingsStore {
  const store = new Store<Record<string, unknown>>({ cwd: userDataDir, name: 'settings' })
  return createValidatedSettings({
    read: () => store.store,
    write: (settings) => {
      store.store = settings
    },
  })
}

/**
 * Secrets sealed by the OS keychain through safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * Returns null where safeStorage would fall back to a hard-coded key (Linux without a keyring),
 * so the caller can use the key-file store instead of storing secrets as good as plain text.
 */
export function createSafeStorageSecretStore(
  userDataDir: string,
  safeStorage: SafeStorage,
): SecretStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return null
  const store = new Store<Record<string, string>>({ cwd: userDataDir, name: 'secrets' })
  return {
    protection: 'Encrypted by your operating system’s keychain (Electron safeStorage).',
    get(name) {
      const sealed = store.get(name)
      return sealed === undefined ? null : safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    },
    set(name, value) {
      store.set(name, safeStorage.encryptString(value).toString('base64'))
    },
    delete(name) {
      store.delete(name)
    },
  }
}
