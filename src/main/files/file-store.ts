import { createHash, randomBytes } from 'node:crypto'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { writeFileAtomic } from '../platform/atomic-write'
import type { UserFacingError } from '../rpc/dispatcher'

const SHA256 = /^[0-9a-f]{64}$/
/** Read size when a large file streams in: fewer, larger reads than Node's 64 KiB. */
const STREAM_CHUNK_BYTES = 1024 * 1024

/** Why a file could not be brought into the store, in words for the inspector. */
export class ImportError extends Error implements UserFacingError {
  readonly userFacing = true

  constructor(
    readonly reason: 'unreadable' | 'disk-full' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ImportError'
  }
}

/**
 * Content-addressed files under `<dataDir>/files/ab/<sha256>`. A file under its final name is
 * always whole: it is written under `incoming/`, fsynced, then renamed. Lookups accept only a
 * sha256, so nothing outside the store can ever be named.
 */
export interface FileStore {
  readonly root: string
  put(bytes: Buffer): string
  /** As put, with the write and fsync off the event loop (for many files at once). */
  save(bytes: Buffer): Promise<string>
  /**
   * Copies a file in (an SD card may be pulled out any moment after), hashing as it is read.
   * See ImportOptions for what can go along.
   */
  importFile<T>(source: string, options: ImportOptions<T>): Promise<ImportedFile<T>>
  /** The file's path, or null for anything that is not a stored sha256. */
  pathFor(sha256: string): string | null
  /** Deletes a stored file (nothing happens for one that is not there). */
  remove(sha256: string): void
  /**
   * Removes what interrupted imports left in `incoming/`. Another process on the same data
   * folder (the CLI beside the app) may be importing right now, so only partial files nobody has
   * written to for `idleMs` go: a live import touches its file with every chunk.
   */
  removePartials(idleMs?: number): void
}

export interface ImportOptions<T> {
  /** Names the temporary file, so an import can be traced and cleaned up. */
  partialName?: string
  /**
   * A file that fits is read into this buffer whole, hashed and written from it; anything larger
   * streams in. Its content stays in the buffer until the caller reuses it.
   */
  readBuffer?: Buffer
  /**
   * Work on the content, done while the copy is written and synced (CPU work goes on while the
   * disk is waited for): the bytes when the file was read whole, else the stored copy's path.
   */
  alongside: (content: Buffer | string) => Promise<T>
}

export interface ImportedFile<T> {
  sha256: string
  size: number
  path: string
  /** What `alongside` answered. */
  alongside: T
}

export function createFileStore(dataDir: string): FileStore {
  const root = join(dataDir, 'files')
  const incoming = join(root, 'incoming')
  const location = (sha256: string) => join(root, sha256.slice(0, 2), sha256)
  const place = (sha256: string, temporary: string) => {
    const target = location(sha256)
    if (existsSync(target)) {
      rmSync(temporary, { force: true })
      return
    }
    mkdirSync(join(root, sha256.slice(0, 2)), { recursive: true })
    renameSync(temporary, target)
  }
  /** Writes under a temporary name and fsyncs; the caller places it. */
  const writeDurably = async (temporary: string, bytes: Buffer) => {
    const handle = await open(temporary, 'w', 0o600)
    try {
      // Not handle.writeFile: it hands a photo to the thread pool in 512 KiB pieces, a dozen
      // round trips where one write call usually does.
      let written = 0
      while (written < bytes.length) {
        written += (await handle.write(bytes, written, bytes.length - written, written))
          .bytesWritten
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  /** Streams a large file in, hashing on the way; answers its sha256 and size. */
  const streamIn = async (source: string, temporary: string) => {
    const hash = createHash('sha256')
    let size = 0
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        size += chunk.length
        done(null, chunk)
      },
    })
    await pipeline(
      createReadStream(source, { highWaterMark: STREAM_CHUNK_BYTES }),
      hashing,
      createWriteStream(temporary, { mode: 0o600 }),
    )
    const handle = await open(temporary, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    return { sha256: hash.digest('hex'), size }
  }
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
    async save(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const target = location(sha256)
      if (existsSync(target)) return sha256
      mkdirSync(join(root, sha256.slice(0, 2)), { recursive: true })
      const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`
      try {
        await writeDurably(temporary, bytes)
        await rename(temporary, target)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
      return sha256
    },
    async importFile<T>(source: string, options: ImportOptions<T>) {
      mkdirSync(incoming, { recursive: true })
      const temporary = join(
        incoming,
        `${options.partialName ?? randomBytes(8).toString('hex')}.partial`,
      )
      let sha256: string
      let size: number
      let alongside: Promise<T> | undefined
      try {
        const bytes = options.readBuffer ? await readWhole(source, options.readBuffer) : null
        if (bytes) {
          sha256 = createHash('sha256').update(bytes).digest('hex')
          size = bytes.length
          alongside = options.alongside(bytes)
          // Should the copy fail first, the work's own failure is of no interest, but must not
          // go unhandled meanwhile.
          alongside.catch(() => undefined)
          await writeDurably(temporary, bytes)
        } else {
          ;({ sha256, size } = await streamIn(source, temporary))
        }
        place(sha256, temporary)
      } catch (error) {
        rmSync(temporary, { force: true })
        throw describeImportFailure(source, error)
      }
      const path = location(sha256)
      return { sha256, size, path, alongside: await (alongside ?? options.alongside(path)) }
    },
    pathFor(sha256) {
      return SHA256.test(sha256) && existsSync(location(sha256)) ? location(sha256) : null
    },
    remove(sha256) {
      if (SHA256.test(sha256)) rmSync(location(sha256), { force: true })
    },
    removePartials(idleMs = 10 * 60_000) {
      if (!existsSync(incoming)) return
      const cutoff = Date.now() - idleMs
      for (const name of readdirSync(incoming)) {
        const path = join(incoming, name)
        const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs
        if (modified !== undefined && modified < cutoff) rmSync(path, { force: true })
      }
    },
  }
}

/**
 * The file's content as a view of `buffer`, or null when it does not fit (it may also have grown
 * since it was measured). Reusing one buffer for file after file spares a fresh allocation of
 * megabytes per photo: its page faults and the garbage collections it triggers.
 */
async function readWhole(source: string, buffer: Buffer): Promise<Buffer | null> {
  const handle = await open(source, 'r')
  try {
    if ((await handle.stat()).size >= buffer.length) return null
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) return buffer.subarray(0, filled)
      filled += bytesRead
    }
    return null
  } finally {
    await handle.close()
  }
}

function describeImportFailure(source: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ImportError(
      'disk-full',
      `The disk is full: ${source} could not be copied into Fieldstation. Free some space and import it again; nothing was half-written.`,
      { cause: error },
    )
  }
  if (
    code === 'ENOENT' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EISDIR' ||
    code === 'EIO'
  ) {
    const why = {
      ENOENT: 'it is not there (was the card removed?)',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'it is a folder',
      EIO: 'the device reported a read error',
    }[code]
    return new ImportError(
      'unreadable',
      `Cannot read ${source}: ${why}. Nothing was imported from it.`,
      { cause: error },
    )
  }
  return new ImportError(
    'failed',
    `Could not import ${source}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  )
}
