import { readFileSync } from 'node:fs'
import type { FileStore } from './file-store'

export type StoredFileResponse =
  { status: 200; body: Buffer; contentType: string } | { status: 404 }

/** The types the app shows, by their magic bytes (we never trust a name or a guess). */
function sniffContentType(bytes: Buffer): string {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg'
  if (bytes.subarray(0, 4).toString('latin1') === '\x89PNG') return 'image/png'
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp'
  return 'application/octet-stream'
}

/**
 * What both carriers (the browser-mode host and Electron's file protocol) answer for a file
 * request: only a sha256 of a file in the store resolves, anything else is a 404.
 */
export function storedFileResponse(files: FileStore, reference: string): StoredFileResponse {
  const path = files.pathFor(reference)
  if (path === null) return { status: 404 }
  const body = readFileSync(path)
  return { status: 200, body, contentType: sniffContentType(body) }
}
