import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileStore, ImportError } from '../../src/main/files/file-store'
import { photo } from '../support/fixtures'
import { tempDir } from '../support/temp'

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Every file the store holds under its final names (not the incoming folder). */
function storedFiles(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('incoming'))
    .map((entry) => entry.name)
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected the import to fail')
}

const nothingMore = () => Promise.resolve(null)

describe('file store import', () => {
  it('copies a photo in under its sha256, byte for byte, and once for the same content', async () => {
    const store = createFileStore(tempDir())
    const source = photo('gps/DSCN0010.jpg')
    const first = await store.importFile(source, { alongside: nothingMore })
    expect(first.sha256).toBe(sha256Of(source))
    expect(readFileSync(store.pathFor(first.sha256)!).equals(readFileSync(source))).toBe(true)
    expect(first.path).toBe(store.pathFor(first.sha256))
    const second = await store.importFile(source, { alongside: nothingMore })
    expect(second).toEqual(first)
    expect(storedFiles(store.root)).toEqual([first.sha256])
    expect(readdirSync(join(store.root, 'incoming'))).toEqual([])
  })

  it('reads a file that fits into the buffer it is given and works on those bytes; a larger one streams', async () => {
    const store = createFileStore(tempDir())
    const readBuffer = Buffer.alloc(1024 * 1024)
    const content = (value: Buffer | string) => Promise.resolve(value)
    const small = await store.importFile(photo('gps/DSCN0010.jpg'), {
      readBuffer,
      alongside: content,
    })
    expect(Buffer.isBuffer(small.alongside)).toBe(true)
    expect((small.alongside as Buffer).equals(readFileSync(photo('gps/DSCN0010.jpg')))).toBe(true)
    expect((small.alongside as Buffer).buffer).toBe(readBuffer.buffer)
    // The same buffer serves the next file: the store keeps no view of it.
    const next = await store.importFile(photo('Canon_40D.jpg'), { readBuffer, alongside: content })
    expect((next.alongside as Buffer).equals(readFileSync(photo('Canon_40D.jpg')))).toBe(true)
    expect(
      readFileSync(store.pathFor(small.sha256)!).equals(readFileSync(photo('gps/DSCN0010.jpg'))),
    ).toBe(true)
    // A file past the buffer streams in, and the work is done on the stored copy; so it is
    // without a buffer.
    const large = join(tempDir(), 'video.bin')
    writeFileSync(large, '')
    truncateSync(large, 3 * 1024 * 1024)
    const streamed = await store.importFile(large, { readBuffer, alongside: content })
    expect(streamed.alongside).toBe(streamed.path)
    expect(streamed.size).toBe(3 * 1024 * 1024)
    expect(streamed.sha256).toBe(sha256Of(large))
    const unbuffered = await store.importFile(photo('Canon_40D.jpg'), { alongside: content })
    expect(unbuffered.alongside).toBe(unbuffered.path)
  })

  it('saves bytes under their sha256 off the event loop, once', async () => {
    const store = createFileStore(tempDir())
    const bytes = readFileSync(photo('Canon_40D.jpg'))
    const sha256 = await store.save(bytes)
    expect(await store.save(bytes)).toBe(sha256)
    expect(readFileSync(store.pathFor(sha256)!).equals(bytes)).toBe(true)
    expect(storedFiles(store.root)).toEqual([sha256])
  })

  it('reports a full disk clearly and leaves nothing half-written', async () => {
    const store = createFileStore(tempDir())
    mkdirSync(join(store.root, 'incoming'), { recursive: true })
    // /dev/full answers every write with ENOSPC: a real full disk as far as the store can tell.
    symlinkSync('/dev/full', join(store.root, 'incoming', 'job-7.partial'))
    // What went along with the copy fails too: the full disk is still what is reported.
    const error = await importError(
      store.importFile(photo('gps/DSCN0010.jpg'), {
        partialName: 'job-7',
        readBuffer: Buffer.alloc(1024 * 1024),
        alongside: () => Promise.reject(new Error('thumbnail failed')),
      }),
    )
    expect(error.reason).toBe('disk-full')
    expect(error.message).toMatch(/disk is full.*Free some space/)
    expect(readdirSync(join(store.root, 'incoming'))).toEqual([])
    expect(storedFiles(store.root)).toEqual([])
  })

  it('reports a file that is gone (a card pulled out) as unreadable', async () => {
    const store = createFileStore(tempDir())
    const error = await importError(
      store.importFile(join(tempDir(), 'DSC0001.JPG'), { alongside: nothingMore }),
    )
    expect(error.reason).toBe('unreadable')
    expect(error.message).toMatch(/card removed/)
  })

  it('clears what interrupted imports left behind, but not an import still being written', () => {
    const store = createFileStore(tempDir())
    const incoming = join(store.root, 'incoming')
    mkdirSync(incoming, { recursive: true })
    writeFileSync(join(incoming, 'old.partial'), 'half a photo')
    const anHourAgo = new Date(Date.now() - 60 * 60_000)
    utimesSync(join(incoming, 'old.partial'), anHourAgo, anHourAgo)
    writeFileSync(join(incoming, 'live.partial'), 'a photo arriving from the CLI')
    store.removePartials()
    expect(readdirSync(incoming)).toEqual(['live.partial'])
  })
})
