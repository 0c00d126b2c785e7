import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeSettingsStore } from '../../src/main/platform/node-settings'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { tempDir } from '../support/temp'

describe('node settings store', () => {
  it('starts from defaults and persists updates', () => {
    const dataDir = tempDir()
    expect(createNodeSettingsStore(dataDir).get()).toEqual(DEFAULT_SETTINGS)
    createNodeSettingsStore(dataDir).update({ uploadConcurrency: 5 })
    expect(createNodeSettingsStore(dataDir).get().uploadConcurrency).toBe(5)
  })

  it('keeps the valid fields of a hand-edited file and defaults the broken ones', () => {
    const dataDir = tempDir()
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ workOffline: true, uploadConcurrency: 'nine' }),
    )
    expect(createNodeSettingsStore(dataDir).get()).toEqual({
      ...DEFAULT_SETTINGS,
      workOffline: true,
    })
  })

  it('refuses an invalid update without writing it', () => {
    const dataDir = tempDir()
    const store = createNodeSettingsStore(dataDir)
    expect(() => store.update({ uploadConcurrency: 0 })).toThrow()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
  })
})
