import sharp from 'sharp'
import type { HuvrSettings } from '../settings'
import { makeStoredObject } from '../state/blobs'
import type { HuvrState } from '../state/state'
import { sampleFiles } from '../seed/sample-files'

/**
 * What HUVR's ingest does once the bytes land in storage [C H-ingest: storage events drive it, no
 * client call]: after a short delay the record becomes UPLOADED with a thumbnail and a preview.
 * A file sharp cannot decode still becomes UPLOADED, with both left null.
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
    const { thumbnailWidth, previewWidth } = this.settings()
    const [thumbnail, preview] = await Promise.all([
      rendition(original.bytes, thumbnailWidth),
      rendition(original.bytes, previewWidth),
    ])
    if (this.stopped || !this.state.tables.media.has(mediaId)) return
    const now = this.state.clock()
    const names = {
      thumbnail: `media/${mediaId}/thumbnail.jpg`,
      preview: `media/${mediaId}/preview.jpg`,
    }
    if (thumbnail !== null)
      this.state.blobs.put(names.thumbnail, makeStoredObject(thumbnail, 'image/jpeg', now))
    if (preview !== null)
      this.state.blobs.put(names.preview, makeStoredObject(preview, 'image/jpeg', now))
    this.state.edit('media', mediaId, {
      state: 'UPLOADED',
      size: original.bytes.length,
      storage: {
        object: media.storage.object,
        thumbnail: thumbnail === null ? null : names.thumbnail,
        preview: preview === null ? null : names.preview,
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

/**
 * Seeded media point at shared sample objects (`seed/<key>`) whose bytes and renditions are only
 * built when first downloaded.
 */
export function installSeedObjects(state: HuvrState, settings: () => HuvrSettings): void {
  state.blobs.setFactory((name) => {
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
