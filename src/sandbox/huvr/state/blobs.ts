import { createHash } from 'node:crypto'

/** One object in the simulated storage bucket. */
export interface StoredObject {
  bytes: Buffer
  contentType: string
  /** Quoted MD5 hex, as GCS reports it. */
  etag: string
  storedAt: number
}

/** Builds an object the first time it is read (seed files and their thumbnails are made lazily). */
export type ObjectFactory = (name: string) => Promise<StoredObject | undefined> | undefined

export function makeStoredObject(bytes: Buffer, contentType: string, at: number): StoredObject {
  const etag = `"${createHash('md5').update(bytes).digest('hex')}"`
  return { bytes, contentType, etag, storedAt: at }
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
