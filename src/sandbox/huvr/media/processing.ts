import sharp from 'sharp'
import type { HuvrSettings } from '../settings'
import { makeStoredObject, type StoredObject } from '../state/blobs'
import type { HuvrState } from '../state/state'
import { sampleFiles } from '../seed/sample-files'

/**
 * What HUVR's ingest does once the bytes land in storage [C H-ingest: storage events drive it, no
 * client call]: after a short delay the record becomes UPLOADED with a thumbnail and a preview.
 * A file sharp cannot decode still becomes UPLOADED, with both left null. With `serverWork:
 * 'deferred'` the record names both at once and they are made when first read (an undecodable
 * file's then answer 404).
 */

/** A JPEG no wider or taller than `size`, upright per EXIF, or null when undecodable. */
export async function rendition(bytes: Buffer, size: number): Promise<Buffer | null> {
  try {
    return await sharp(bytes)
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer()
  } catch {
    return null
  }
}

export class MediaProcessor {
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly jobs = new Set<Promise<void>>()
  private stopped = false

  constructor(
    private readonly state: HuvrState,
    private readonly settings: () => HuvrSettings,
  ) {}

  /** Processes the media's object after the configured delay. */
  schedule(mediaId: number): void {
    if (this.stopped) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      const job = this.process(mediaId).finally(() => this.jobs.delete(job))
      this.jobs.add(job)
    }, this.settings().processingDelayMs)
    this.timers.add(timer)
  }

  /** Resolves once nothing is waiting or running (tests use it instead of polling). */
  async settled(): Promise<void> {
    while (this.timers.size > 0 || this.jobs.size > 0) {
      if (this.jobs.size > 0) await Promise.allSettled([...this.jobs])
      else await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  stop(): void {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private async process(mediaId: number): Promise<void> {
    const media = this.state.tables.media.get(mediaId)
    if (media === undefined) return
    const original = await this.state.blobs.get(media.storage.object)
    if (original === undefined) return
    const names = renditionNames(mediaId)
    let made = { thumbnail: true, preview: true }
    if (this.settings().serverWork === 'deferred') {
      // A re-upload replaces the file: renditions of the old bytes must be made again.
      this.state.blobs.delete(names.thumbnail)
      this.state.blobs.delete(names.preview)
    } else {
      const { thumbnailWidth, previewWidth } = this.settings()
      const [thumbnail, preview] = await Promise.all([
        rendition(original.bytes, thumbnailWidth),
        rendition(original.bytes, previewWidth),
      ])
      if (this.stopped || !this.state.tables.media.has(mediaId)) return
      const now = this.state.clock()
      if (thumbnail !== null)
        this.state.blobs.put(names.thumbnail, makeStoredObject(thumbnail, 'image/jpeg', now))
      if (preview !== null)
        this.state.blobs.put(names.preview, makeStoredObject(preview, 'image/jpeg', now))
      made = { thumbnail: thumbnail !== null, preview: preview !== null }
    }
    this.state.edit('media', mediaId, {
      state: 'UPLOADED',
      size: original.size,
      storage: {
        object: media.storage.object,
        thumbnail: made.thumbnail ? names.thumbnail : null,
        preview: made.preview ? names.preview : null,
      },
    })
    this.markProjectWorked(media.project)
  }

  /** `work_done_on` follows uploads unless the project is historical [C H-spec]. */
  private markProjectWorked(projectId: number | null): void {
    const project = projectId === null ? undefined : this.state.tables.projects.get(projectId)
    if (project === undefined || project.historical_project) return
    this.state.edit('projects', project.id, { work_done_on: this.state.now() })
  }
}

function renditionNames(mediaId: number): { thumbnail: string; preview: string } {
  return { thumbnail: `media/${mediaId}/thumbnail.jpg`, preview: `media/${mediaId}/preview.jpg` }
}

/**
 * Objects built when first downloaded: seeded media point at shared sample objects
 * (`seed/<key>`, with their renditions), and with `serverWork: 'deferred'` uploaded media's
 * renditions are made from the uploaded file.
 */
export function installLazyObjects(state: HuvrState, settings: () => HuvrSettings): void {
  state.blobs.setFactory((name) => {
    const uploaded = /^media\/(\d+)\/(thumbnail|preview)\.jpg$/.exec(name)
    if (uploaded !== null) return uploadedRendition(state, settings(), Number(uploaded[1]), name)
    const match = /^seed\/([^/]+)(?:\/(thumbnail|preview)\.jpg)?$/.exec(name)
    const sample = sampleFiles().find((file) => file.key === match?.[1])
    if (match === null || sample === undefined) return undefined
    const kind = match[2]
    if (kind === undefined) {
      return Promise.resolve(makeStoredObject(sample.bytes, sample.mediaType, state.clock()))
    }
    const size = kind === 'thumbnail' ? settings().thumbnailWidth : settings().previewWidth
    return rendition(sample.bytes, size).then((bytes) =>
      bytes === null ? undefined : makeStoredObject(bytes, 'image/jpeg', state.clock()),
    )
  })
}

async function uploadedRendition(
  state: HuvrState,
  settings: HuvrSettings,
  mediaId: number,
  name: string,
): Promise<StoredObject | undefined> {
  const media = state.tables.media.get(mediaId)
  if (media === undefined || (media.storage.thumbnail !== name && media.storage.preview !== name))
    return undefined
  const original = await state.blobs.get(media.storage.object)
  if (original === undefined) return undefined
  const size = name.endsWith('/thumbnail.jpg') ? settings.thumbnailWidth : settings.previewWidth
  const bytes = await rendition(original.bytes, size)
  return bytes === null ? undefined : makeStoredObject(bytes, 'image/jpeg', state.clock())
}
