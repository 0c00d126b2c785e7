import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { bytesReply, type Reply } from '../http/reply'
import type { TransamRuntime } from '../runtime'
import { s3Error } from './xml-errors'

/**
 * `GET|HEAD /s3/<bucket>/<key>?X-Amz-…`: the simulated bucket behind document URLs. The signature
 * is checked first (S3 answers 403 before saying whether a key exists), then the key; a single
 * `Range: bytes=a-b` gets 206, so downloads can resume.
 */
export function handleS3(
  runtime: TransamRuntime,
  request: {
    method: string
    /** After the /s3 prefix, still escaped. */
    path: string
    rawQuery: string
    headers: IncomingHttpHeaders
  },
): Reply {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
  }
  const verification = runtime.signer.verify({
    method: request.method,
    path: request.path,
    query: new URLSearchParams(request.rawQuery),
    host: request.headers.host ?? '',
    now: runtime.clock(),
  })
  if (!verification.ok) return verification.reply
  const [, bucket = '', ...rest] = request.path.split('/')
  const key = rest.map((part) => decodeURIComponent(part)).join('/')
  const stored = runtime.state.objects.get(key)
  const bytes = runtime.state.objectBytes(key)
  if (
    decodeURIComponent(bucket) !== runtime.settings.storageBucket ||
    stored === undefined ||
    !bytes
  ) {
    return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key })
  }
  const headers = {
    etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
    'last-modified': new Date(stored.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    server: 'AmazonS3',
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? '').trim())
  if (range !== null && (range[1] !== '' || range[2] !== '')) {
    const size = bytes.length
    let start: number
    let end: number
    if (range[1] === '') {
      start = Math.max(0, size - Number(range[2]))
      end = size - 1
    } else {
      start = Number(range[1])
      end = range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1)
    }
    if (start >= size || start > end) {
      return s3Error(416, 'InvalidRange', 'The requested range is not satisfiable', {
        RangeRequested: String(request.headers.range),
        ActualObjectSize: String(size),
      })
    }
    return bytesReply(206, bytes.subarray(start, end + 1), stored.contentType, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${size}`,
    })
  }
  return bytesReply(200, bytes, stored.contentType, headers)
}
