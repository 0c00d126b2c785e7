import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline, Readable, Transform } from 'node:stream'

/**
 * Bodies up to this size are read into a buffer reused from one upload to the next: a photo in
 * one PUT, or a resumable chunk. Larger ones stream in fresh pieces.
 */
const REUSED_BUFFER_BYTES = 16 * 1024 * 1024
/**
 * Reads of the file being sent: fewer, larger pieces than Node's 64 KiB cost less per byte, and
 * progress still moves every 0.4 s on a 5 Mbit/s link.
 */
const READ_PIECE_BYTES = 256 * 1024

/** One request's body, and what to do with its buffer once the request is over. */
export interface FileBody {
  stream: Readable
  /**
   * The request is over. `consumed` says the server answered after taking the whole body, so no
   * byte of the buffer is still on its way to the socket and it can serve the next body; after a
   * failure or an early answer it is left to the garbage collector instead.
   */
  release(consumed: boolean): void
}

/**
 * Request bodies read from files being uploaded. Reading each photo into fresh memory costs more
 * than reading it: every few photos the garbage collector runs over the whole heap, only to free
 * megabytes of spent chunks. A body that fits is read into a buffer kept for the next one.
 */
export class FileBodies {
  readonly #spare: Buffer[] = []

  /**
   * Bytes `start`–`end` (inclusive) of the file, as a request body. `onRead` gets the position
   * in the file each time a piece has been handed on.
   */
  open(path: string, start: number, end: number, onRead: (position: number) => void): FileBody {
    const length = end - start + 1
    if (length > REUSED_BUFFER_BYTES) return freshPieces(path, start, end, onRead)
    const buffer = this.#spare.pop() ?? Buffer.allocUnsafeSlow(REUSED_BUFFER_BYTES)
    return {
      stream: Readable.from(readInto(buffer, path, start, length, onRead), { objectMode: false }),
      release: (consumed) => {
        if (consumed) this.#spare.push(buffer)
      },
    }
  }

  /** Lets the buffers go (the queue has nothing to send). */
  clear(): void {
    this.#spare.length = 0
  }
}

/**
 * Reads the range piece by piece, each into its own part of `buffer`: a piece handed to the socket
 * stays untouched until the whole request is over.
 */
async function* readInto(
  buffer: Buffer,
  path: string,
  start: number,
  length: number,
  onRead: (position: number) => void,
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r')
  try {
    let filled = 0
    while (filled < length) {
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        Math.min(READ_PIECE_BYTES, length - filled),
        start + filled,
      )
      if (bytesRead === 0) throw new Error(`${path} ended before byte ${start + length}`)
      yield buffer.subarray(filled, filled + bytesRead)
      filled += bytesRead
      onRead(start + filled)
    }
  } finally {
    await handle.close()
  }
}

function freshPieces(
  path: string,
  start: number,
  end: number,
  onRead: (position: number) => void,
): FileBody {
  let position = start
  const counting = new Transform({
    transform(piece: Buffer, _encoding, done) {
      position += piece.length
      onRead(position)
      done(null, piece)
    },
  })
  const stream = pipeline(
    createReadStream(path, { start, end, highWaterMark: READ_PIECE_BYTES }),
    counting,
    () => undefined,
  )
  return { stream, release: () => undefined }
}
