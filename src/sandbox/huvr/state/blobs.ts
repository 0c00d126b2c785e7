import { createHash } from 'node:crypto'

/** One object in the simulated storage bucket. */
export interface StoredObject {
  /** The content, joined on first use when it arrived in pieces. */
  readonly bytes: Buffer
  readonly size: number
  contentType: string
  /** Quoted MD5 hex, as GCS reports it. */
  readonly etag: string
  storedAt: number
}

/** Builds an object the first time it is read (seed files and their thumbnails are made lazily). */
export type ObjectFactory = (name: string) => Promise<StoredObject | undefined> | undefined

/**
 * An object from its content, whole or in the pieces an upload arrived in. The pieces are joined,
 * and the ETag (an MD5 of the content) worked out, when first asked for, then kept: an upload
 * nobody reads back costs no copy.
 */
export function makeStoredObject(
  content: Buffer | readonly Buffer[],
  contentType: string,
  at: number,
): StoredObject {
  let pieces: readonly Buffer[] = Buffer.isBuffer(content) ? [content] : content
  let joined: Buffer | null = Buffer.isBuffer(content) ? content : null
  let etag: string | null = null
  return {
    size: pieces.reduce((sum, piece) => sum + piece.length, 0),
    contentType,
    storedAt: at,
    get bytes() {
      if (joined === null) {
        joined = Buffer.concat(pieces)
        pieces = [joined]
      }
      return joined
    },
    get etag() {
      if (etag === null) {
        const md5 = createHash('md5')
        for (const piece of pieces) md5.update(piece)
        etag = `"${md5.digest('hex')}"`
      }
      return etag
    },
  }
}

/** The bucket: object name → bytes. */
export class BlobStore {
  private readonly objects = new Map<string, StoredObject>()
  private readonly pending = new Map<string, Promise<StoredObject | undefined>>()
  private factory: ObjectFactory = () => undefined

  setFactory(factory: ObjectFactory): void {
    this.factory = factory
  }

  put(name: string, object: StoredObject): void {
    this.objects.set(name, object)
  }

  delete(name: string): void {
    this.objects.delete(name)
  }

  /** The stored object, building it with the factory on first read when it is a lazy one. */
  async get(name: string): Promise<StoredObject | undefined> {
    const stored = this.objects.get(name)
    if (stored !== undefined) return stored
    const inFlight = this.pending.get(name)
    if (inFlight !== undefined) return inFlight
    const built = this.factory(name)
    if (built === undefined) return undefined
    this.pending.set(name, built)
    try {
      const object = await built
      if (object !== undefined) this.objects.set(name, object)
      return object
    } finally {
      this.pending.delete(name)
    }
  }

  /** Only objects already materialised; does not run the factory. */
  peek(name: string): StoredObject | undefined {
    return this.objects.get(name)
  }
}
