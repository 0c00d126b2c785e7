import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../platform/atomic-write'

const SHA256 = /^[0-9a-f]{64}$/

/**
 * Content-addressed files under `<dataDir>/files/ab/<sha256>`, each written atomically, so a
 * file under its final name is always whole. Lookups accept only a sha256, so nothing outside
 * the store can ever be named.
 */
export interface FileStore {
  readonly root: string
  put(bytes: Buffer): string
  /** The file's path, or null for anything that is not a stored sha256. */
  pathFor(sha256: string): string | null
}

export function createFileStore(dataDir: string): FileStore {
  const root = join(dataDir, 'files')
  const location = (sha256: string) => join(root, sha256.slice(0, 2), sha256)
  return {
    root,
    put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const target = location(sha256)
      if (!existsSync(target)) {
        mkdirSync(join(root, sha256.slice(0, 2)), { recursive: true })
        writeFileAtomic(target, bytes)
      }
      return sha256
    },
    pathFor(sha256) {
      return SHA256.test(sha256) && existsSync(location(sha256)) ? location(sha256) : null
    },
  }
}
