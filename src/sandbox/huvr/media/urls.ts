import type { HuvrRuntime } from '../runtime'
import type { MediaRecord } from '../state/records'

/** The simulated bucket every media object lives in. */
export const MEDIA_BUCKET = 'huvr-sandbox-media'

export interface UploadTarget {
  url: string
  headers: Record<string, string>
}

/**
 * The `upload` member of a media record: a freshly signed URL and the headers the PUT must carry
 * exactly [C: {url, headers}; U: which headers]. Content-Type is always signed; the media id
 * travels as signed GCS custom metadata unless the `uploadMetaHeader` setting is off. In resumable
 * mode the URL is signed for POST and `x-goog-resumable: start` opens a session.
 */
export function uploadTarget(
  runtime: HuvrRuntime,
  media: MediaRecord,
  origin: string,
): UploadTarget {
  const headers: Record<string, string> = { 'Content-Type': media.media_type }
  if (runtime.settings.uploadMetaHeader) headers['x-goog-meta-media-id'] = String(media.id)
  const resumable = runtime.settings.resumableUploads
  if (resumable) headers['x-goog-resumable'] = 'start'
  const url = runtime.signer.sign({
    origin,
    method: resumable ? 'POST' : 'PUT',
    bucket: MEDIA_BUCKET,
    object: media.storage.object,
    headers,
    issuedAt: runtime.clock(),
    lifetimeSeconds: runtime.settings.uploadUrlLifetimeSeconds,
  })
  return { url, headers }
}

/** A signed GET URL for an object (the `file`, `thumbnail` and `preview` links). */
export function downloadUrl(runtime: HuvrRuntime, object: string, origin: string): string {
  return runtime.signer.sign({
    origin,
    method: 'GET',
    bucket: MEDIA_BUCKET,
    object,
    headers: {},
    issuedAt: runtime.clock(),
    lifetimeSeconds: runtime.settings.downloadUrlLifetimeSeconds,
  })
}

/** The media id an uploaded object belongs to (`media/<id>/…`), if it is a media object. */
export function mediaIdOfObject(object: string): number | undefined {
  const match = /^media\/(\d+)\//.exec(object)
  return match === null ? undefined : Number(match[1])
}
