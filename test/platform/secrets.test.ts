import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeSecretStore } from '../../src/main/platform/node-secrets'
import { tempDir } from '../support/temp'

const SECRET = 'hunter2-correct-horse-battery-staple'

/** Every byte written anywhere under a folder, to prove a secret is not among them. */
function allBytes(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}

describe('node secret store', () => {
  it('round-trips secrets and never writes them in plain text', () => {
    const dataDir = tempDir()
    const keyDir = tempDir()
    const store = createNodeSecretStore({ dataDir, keyDir })
    store.set('huvr/c1', SECRET)
    expect(store.get('huvr/c1')).toBe(SECRET)
    expect(createNodeSecretStore({ dataDir, keyDir }).get('huvr/c1')).toBe(SECRET)
    expect(allBytes(dataDir)).not.toContain(SECRET)
    expect(allBytes(dataDir)).not.toContain(Buffer.from(SECRET).toString('base64'))
    store.delete('huvr/c1')
    expect(store.get('huvr/c1')).toBeNull()
  })

  it('keeps the key apart from the data folder, readable by the owner only', () => {
    const dataDir = tempDir()
    const keyDir = tempDir()
    createNodeSecretStore({ dataDir, keyDir }).set('a', 'b')
    expect(readdirSync(dataDir)).not.toContain('secret.key')
    expect(statSync(join(keyDir, 'secret.key')).mode & 0o077).toBe(0)
  })

  it('a copy of the data folder without the key reveals nothing', () => {
    const dataDir = tempDir()
    createNodeSecretStore({ dataDir, keyDir: tempDir() }).set('a', SECRET)
    const stranger = createNodeSecretStore({ dataDir, keyDir: tempDir() })
    expect(() => stranger.get('a')).toThrow()
  })

  it('derives the key from a passphrase when one is given, and refuses to open without it', () => {
    const dataDir = tempDir()
    const keyDir = tempDir()
    createNodeSecretStore({ dataDir, keyDir, passphrase: 'field day' }).set('a', SECRET)
    expect(readdirSync(keyDir)).toEqual([])
    expect(createNodeSecretStore({ dataDir, keyDir, passphrase: 'field day' }).get('a')).toBe(
      SECRET,
    )
    expect(() => createNodeSecretStore({ dataDir, keyDir, passphrase: 'wrong' }).get('a')).toThrow()
    expect(() => createNodeSecretStore({ dataDir, keyDir })).toThrow(/FIELDSTATION_PASSPHRASE/)
  })
})
