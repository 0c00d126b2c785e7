import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { RoutedRequest } from '../../common/server'
import { bytesReply, emptyReply, type Reply } from '../http/reply'
import { MEDIA_BUCKET, mediaIdOfObject } from '../media/urls'
import type { HuvrRuntime } from '../runtime'
import { makeStoredObject, type StoredObject } from '../state/blobs'
import { STORAGE_PREFIX } from './signing'
import { gcsError, noSuchKey } from './xml-errors'

/**
 * The storage host, served under `/storage/<bucket>/<object>` on the simulator's own port. It takes
 * unauthenticated requests to signed URLs (no Authorization header, as GCS): PUT of the raw bytes,
 * GET of files and renditions, and, in resumable mode, POST to open a session plus PUTs to it.
 * `path` is the request's path after `/storage`, as received.
 */
export async function handleStorage(
  runtime: HuvrRuntime,
  request: RoutedRequest,
  path: string,
): Promise<Reply> {
  const query = new URLSearchParams(request.rawQuery)
  const target = parseObjectPath(path)
  if (target === undefined || target.bucket !== MEDIA_BUCKET) {
    return gcsError(404, 'NoSuchBucket', 'The specified bucket does not exist.')
  }
  const uploadId = query.get('upload_id')
  if (uploadId !== null) return sessionRequest(runtime, request, uploadId, target.object)
  const verification = runtime.signer.verify({
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path,
    query,
    headers: request.headers,
    now: runtime.clock(),
  })
  if (!verification.ok) return verification.reply
  switch (request.method) {
    case 'GET':
    case 'HEAD':
      return download(runtime, target.object)
    case 'PUT':
      return store(runtime, target.object, request.bodyChunks, contentTypeOf(request.headers))
    case 'POST':
      return startSession(runtime, request, path, target.object)
    default:
      return gcsError(
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      )
  }
}

function parseObjectPath(path: string): { bucket: string; object: string } | undefined {
  const segments = path.split('/').slice(1)
  if (segments.length < 2) return undefined
  try {
    const [bucket, ...rest] = segments.map((segment) => decodeURIComponent(segment))
    return bucket === undefined ? undefined : { bucket, object: rest.join('/') }
  } catch {
    return undefined
  }
}

function contentTypeOf(headers: IncomingHttpHeaders): string {
  return String(headers['content-type'] ?? 'application/octet-stream')
}

function objectHeaders(object: StoredObject): Record<string, string> {
  const md5 = Buffer.from(object.etag.replace(/"/g, ''), 'hex').toString('base64')
  return {
    etag: object.etag,
    'x-goog-generation': String(object.storedAt * 1000),
    'x-goog-hash': `md5=${md5}`,
    'x-goog-stored-content-length': String(object.size),
  }
}

async function download(runtime: HuvrRuntime, name: string): Promise<Reply> {
  const object = await runtime.state.blobs.get(name)
  if (object === undefined) return noSuchKey()
  return bytesReply(200, object.bytes, object.contentType, objectHeaders(object))
}

/**
 * Keeps the bytes and lets ingest pick them up; GCS answers 200 with an ETag [I]. With
 * `serverWork: 'deferred'` the answer leaves the ETag out: working it out is the MD5 of the
 * whole object, done when a download first needs it.
 */
function store(
  runtime: HuvrRuntime,
  name: string,
  content: Buffer | readonly Buffer[],
  contentType: string,
): Reply {
  const object = makeStoredObject(content, contentType, runtime.clock())
  runtime.state.blobs.put(name, object)
  const mediaId = mediaIdOfObject(name)
  if (mediaId !== undefined && runtime.state.tables.media.has(mediaId)) {
    runtime.processor.schedule(mediaId)
  }
  return emptyReply(200, runtime.settings.serverWork === 'deferred' ? {} : objectHeaders(object))
}

function startSession(
  runtime: HuvrRuntime,
  request: RoutedRequest,
  path: string,
  object: string,
): Reply {
  if (String(request.headers['x-goog-resumable'] ?? '') !== 'start') {
    return gcsError(400, 'InvalidArgument', 'Invalid argument.', {
      Details: 'POST to an object requires x-goog-resumable: start.',
    })
  }
  const session = runtime.sessions.open(object, contentTypeOf(request.headers), runtime.clock())
  return emptyReply(201, {
    location: `${request.origin}${STORAGE_PREFIX}${path}?upload_id=${encodeURIComponent(session.id)}`,
    'x-guploader-uploadid': session.id,
  })
}

function sessionRequest(
  runtime: HuvrRuntime,
  request: RoutedRequest,
  uploadId: string,
  object: string,
): Reply {
  const session = runtime.sessions.get(uploadId)
  if (session === undefined || session.object !== object) {
    return gcsError(404, 'NoSuchUpload', 'The requested upload was not found.')
  }
  // An expired session is gone for good: the client must start a new one [I GCS: 404 or 410].
  if (
    runtime.clock() - session.openedAt >
    runtime.settings.resumableSessionLifetimeSeconds * 1000
  ) {
    runtime.sessions.cancel(uploadId)
    return gcsError(410, 'Gone', 'The upload session has expired; start a new one.')
  }
  if (request.method === 'DELETE') {
    runtime.sessions.cancel(uploadId)
    return emptyReply(499)
  }
  if (request.method !== 'PUT') {
    return gcsError(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
    )
  }
  const range = request.headers['content-range']
  const outcome = runtime.sessions.receive(
    session,
    typeof range === 'string' ? range : undefined,
    request.body,
    runtime.settings.resumableChunkGranularity,
  )
  switch (outcome.kind) {
    case 'invalid':
      return gcsError(400, 'InvalidArgument', 'Invalid argument.', { Details: outcome.message })
    case 'incomplete':
      return emptyReply(
        308,
        outcome.persisted > 0 ? { range: `bytes=0-${outcome.persisted - 1}` } : {},
      )
    case 'complete': {
      const existing = runtime.state.blobs.peek(session.object)
      const sameBytes =
        existing !== undefined &&
        existing.etag === `"${createHash('md5').update(outcome.bytes).digest('hex')}"`
      // A repeated final PUT or status query after completion does not re-run ingest.
      return sameBytes
        ? emptyReply(200, objectHeaders(existing))
        : store(runtime, session.object, outcome.bytes, session.contentType)
    }
  }
}
