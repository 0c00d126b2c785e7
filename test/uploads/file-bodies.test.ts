import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { FileBodies } from '../../src/main/uploads/file-bodies'
import { tempDir } from '../support/temp'

async function pieces(stream: Readable): Promise<Buffer[]> {
  const read: Buffer[] = []
  for await (const piece of stream) read.push(piece as Buffer)
  return read
}

function fileOf(bytes: Buffer): string {
  const path = join(tempDir(), 'photo.jpg')
  writeFileSync(path, bytes)
  return path
}

describe('upload request bodies', () => {
  it('reads the range exactly, reporting the position piece by piece', async () => {
    const bytes = randomBytes(700_000)
    const path = fileOf(bytes)
    const positions: number[] = []
    const body = new FileBodies().open(path, 1_000, 600_999, (position) => positions.push(position))
    const read = await pieces(body.stream)
    expect(Buffer.concat(read).equals(bytes.subarray(1_000, 601_000))).toBe(true)
    expect(read.length).toBeGreaterThan(1)
    expect(positions.at(-1)).toBe(601_000)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('hands a buffer on only after a request took the whole body, never after a failure', async () => {
    const first = randomBytes(300_000)
    const second = randomBytes(300_000)
    const bodies = new FileBodies()
    const memoryOf = async (bytes: Buffer, consumed: boolean) => {
      const body = bodies.open(fileOf(bytes), 0, bytes.length - 1, () => undefined)
      const read = await pieces(body.stream)
      expect(Buffer.concat(read).equals(bytes)).toBe(true)
      body.release(consumed)
      return read[0]!.buffer
    }
    // Refused or cut off: its pieces may still be on their way out, so the buffer is not reused.
    const failed = await memoryOf(first, false)
    const taken = await memoryOf(second, true)
    expect(taken).not.toBe(failed)
    // Taken whole: the next body is read into the same memory.
    expect(await memoryOf(first, true)).toBe(taken)
  })

  it('streams a range too large for the reused buffers in pieces of its own', async () => {
    const bytes = randomBytes(17 * 1024 * 1024)
    const bodies = new FileBodies()
    const path = fileOf(bytes)
    const positions: number[] = []
    const body = bodies.open(path, 0, bytes.length - 1, (position) => positions.push(position))
    const read = await pieces(body.stream)
    expect(Buffer.concat(read).equals(bytes)).toBe(true)
    expect(new Set(read.map((piece) => piece.buffer)).size).toBe(read.length)
    expect(positions.at(-1)).toBe(bytes.length)
  })
})
