import { readdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, join } from 'node:path'
import type { Database } from 'better-sqlite3'
import pMap from 'p-map'
import type { FileStore } from '../files/file-store'
import { inspectMedia } from '../media/inspect-media'
import type { Clock } from '../platform/ports'
import { enqueueUpload, type UploadJob } from './jobs'
import { TRANSAM_MAX_DOCUMENT_BYTES } from './transam-document'

export interface ImportTarget {
  connectionId: string
  kind: UploadJob['target_kind']
  id: string
}

export type ImportResult =
  | {
      path: string
      ok: true
      jobId: number
      alreadyQueued: boolean
      placeholderReason: string | null
    }
  | { path: string; ok: false; error: string }

/** Files under the given paths, folders walked recursively; hidden files (.DS_Store…) skipped. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = []
  const visit = (path: string) => {
    if (basename(path).startsWith('.')) return
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat?.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name))
    } else {
      files.push(path)
    }
  }
  for (const path of paths) visit(path)
  return files
}

/**
 * Brings files in for upload: each is copied into the app's store first (the card may go away),
 * inspected (type, EXIF, thumbnail) and queued. One file's failure is reported for that file and
 * the rest carry on.
 */
export async function importForUpload(
  deps: { db: Database; files: FileStore; clock: Clock },
  paths: string[],
  target: ImportTarget,
  description: string | null,
): Promise<ImportResult[]> {
  const spareBuffers: Buffer[] = []
  return pMap(
    expandPaths(paths),
    async (path) => {
      const readBuffer = spareBuffers.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES)
      try {
        return await importOne(deps, path, target, description, readBuffer)
      } finally {
        spareBuffers.push(readBuffer)
      }
    },
    { concurrency: IMPORTS_AT_ONCE },
  )
}

/**
 * Files copied, hashed and thumbnailed at once: sharp's work runs off the JS thread, so the cores
 * are what bounds an import of a few hundred photos. One more than the cores, so that a core is
 * not left idle while a file waits for its fsync.
 */
export const IMPORTS_AT_ONCE = availableParallelism() + 1

/**
 * Each file imported at once has a read buffer of this size, reused file after file: a photo
 * (or a document) is read into it whole, and only larger files stream in. Its pages are touched
 * only as far as the largest file read into it.
 */
const READ_BUFFER_BYTES = 32 * 1024 * 1024

async function importOne(
  deps: { db: Database; files: FileStore; clock: Clock },
  path: string,
  target: ImportTarget,
  description: string | null,
  readBuffer: Buffer,
): Promise<ImportResult> {
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0
  if (target.kind === 'transam.asset' && size > TRANSAM_MAX_DOCUMENT_BYTES) {
    const megabytes = (size / 1_048_576).toFixed(1)
    return {
      path,
      ok: false,
      error: `${basename(path)} is ${megabytes} MB, over TransAM's 4 MB limit for documents; it was not queued.`,
    }
  }
  try {
    // Thumbnailing is CPU work and the copy's fsync waits on the disk: one goes on during the other.
    const stored = await deps.files.importFile(path, { readBuffer, alongside: inspectMedia })
    const info = stored.alongside
    const thumbnailSha256 = info.thumbnail ? await deps.files.save(info.thumbnail) : null
    const { job, created } = enqueueUpload(
      deps.db,
      {
        connectionId: target.connectionId,
        targetKind: target.kind,
        targetId: target.id,
        sha256: stored.sha256,
        filename: basename(path),
        size: stored.size,
        sourcePath: path,
        mediaType: info.mediaType,
        description,
        capturedAt:
          info.capturedAt === null ? null : `${info.capturedAt}${info.capturedAtOffset ?? ''}`,
        gps: info.gps,
        thumbnailSha256,
        placeholderReason: info.placeholderReason,
      },
      deps.clock.now(),
    )
    return {
      path,
      ok: true,
      jobId: job.id,
      alreadyQueued: !created,
      placeholderReason: info.placeholderReason,
    }
  } catch (error) {
    return { path, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
