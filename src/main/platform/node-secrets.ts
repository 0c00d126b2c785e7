import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from './atomic-write'
import type { SecretStore } from './ports'

const KEY_BYTES = 32
const IV_BYTES = 12

const secretsFileSchema = z.object({
  version: z.literal(1),
  /** Present when the key is derived from a passphrase instead of the key file. */
  salt: z.string().optional(),
  entries: z.record(z.string(), z.string()),
})
type SecretsFile = z.infer<typeof secretsFileSchema>

export interface NodeSecretStoreOptions {
  dataDir: string
  /** Where the key file lives: apart from the data folder, so a copy of that alone reveals nothing. */
  keyDir: string
  /** From FIELDSTATION_PASSPHRASE: derive the key with scrypt instead of keeping a key file. */
  passphrase?: string
}

/**
 * Secrets for browser mode and the CLI, where no OS keychain is reachable: each value is
 * encrypted with AES-256-GCM in `secrets.json`. The key is either derived from a passphrase the
 * user supplies at start, or kept in `secret.key` in the user's config folder (owner-only
 * permissions), apart from the data folder.
 */
export function createNodeSecretStore(options: NodeSecretStoreOptions): SecretStore {
  const file = join(options.dataDir, 'secrets.json')
  const keyFile = join(options.keyDir, 'secret.key')
  const read = (): SecretsFile =>
    existsSync(file)
      ? secretsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
      : { version: 1, entries: {} }

  const initial = read()
  let key: Buffer
  let salt: string | undefined
  if (options.passphrase !== undefined) {
    salt = initial.salt ?? randomBytes(16).toString('base64')
    key = scryptSync(options.passphrase, Buffer.from(salt, 'base64'), KEY_BYTES)
  } else {
    if (initial.salt !== undefined) {
      throw new Error(
        'The secrets in this data folder are protected by a passphrase: set FIELDSTATION_PASSPHRASE.',
      )
    }
    if (!existsSync(keyFile)) {
      mkdirSync(options.keyDir, { recursive: true, mode: 0o700 })
      writeFileAtomic(keyFile, randomBytes(KEY_BYTES))
    }
    key = readFileSync(keyFile)
  }

  const write = (entries: Record<string, string>) =>
    writeFileAtomic(file, JSON.stringify({ version: 1, salt, entries } satisfies SecretsFile))

  return {
    protection:
      options.passphrase !== undefined
        ? 'Encrypted with AES-256-GCM under a key derived from your passphrase (FIELDSTATION_PASSPHRASE).'
        : `Encrypted with AES-256-GCM; the key is ${keyFile}, readable only by your user account and ` +
          'kept apart from the data folder: a copy of the data folder alone reveals nothing, ' +
          'but anyone who can log in as you can read them.',
    get(name) {
      const sealed = read().entries[name]
      return sealed === undefined ? null : open(key, sealed)
    },
    set(name, value) {
      write({ ...read().entries, [name]: seal(key, value) })
    },
    delete(name) {
      write(Object.fromEntries(Object.entries(read().entries).filter(([key]) => key !== name)))
    },
  }
}

function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

function open(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + 16))
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + 16)), decipher.final()]).toString(
    'utf8',
  )
}
