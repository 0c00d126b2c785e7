import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SafeStorage } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { tempDir } from '../support/temp'

// electron-store imports electron at load time; the adapters only need it to exist.
vi.mock('electron', () => {
  const module = {
    app: { getPath: () => '/nonexistent', getVersion: () => '0.0.0' },
    ipcMain: { on: vi.fn() },
    shell: {},
  }
  return { ...module, default: module }
})

const { createElectronSettingsStore, createSafeStorageSecretStore } =
  await import('../../src/main/electron/adapters')

function fakeSafeStorage(backend: string, available = true): SafeStorage {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (value: string) => Buffer.from(value).map((byte) => byte ^ 0x5a),
    decryptString: (value: Buffer) => Buffer.from(value.map((byte) => byte ^ 0x5a)).toString(),
  } as unknown as SafeStorage
}

describe('Electron adapters', () => {
  it('seals secrets with safeStorage and stores only the sealed form', () => {
    const dir = tempDir()
    const store = createSafeStorageSecretStore(dir, fakeSafeStorage('gnome_libsecret'))!
    store.set('huvr/c1', 'top-secret-value')
    expect(store.get('huvr/c1')).toBe('top-secret-value')
    const files = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n')
    expect(files).not.toContain('top-secret-value')
    store.delete('huvr/c1')
    expect(store.get('huvr/c1')).toBeNull()
  })

  it('declines where safeStorage would use a hard-coded key or is unavailable', () => {
    if (process.platform === 'linux') {
      expect(createSafeStorageSecretStore(tempDir(), fakeSafeStorage('basic_text'))).toBeNull()
    }
    expect(
      createSafeStorageSecretStore(tempDir(), fakeSafeStorage('gnome_libsecret', false)),
    ).toBeNull()
  })

  it('keeps validated settings with electron-store', () => {
    const dir = tempDir()
    createElectronSettingsStore(dir).update({ workOffline: true })
    expect(createElectronSettingsStore(dir).get().workOffline).toBe(true)
    expect(() => createElectronSettingsStore(dir).update({ uploadConcurrency: 100 })).toThrow()
  })
})
