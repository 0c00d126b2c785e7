import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Reply } from '../http/reply'
import { s3Error } from './xml-errors'

/**
 * Time-limited URLs in the shape of S3 query-string signing (SigV4), as carrierwave-aws hands out
 * for private files [C config: ACL private; I the signing]: algorithm, credential, date, lifetime
 * and signed headers in the query, a signature over method, path, query and host. The HMAC key is
 * the simulator's own; only the shape is Amazon's. Objects live under `/s3/<bucket>/<key>` on the
 * simulator's own port.
 */
export const S3_PREFIX = '/s3'
const ALGORITHM = 'AWS4-HMAC-SHA256'
const ACCESS_KEY = 'AKIASANDBOXTRANSAM01'
const REGION = 'us-east-1'

/** RFC 3986 escaping, as SigV4 canonical requests use it. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

export function objectPath(bucket: string, key: string): string {
  return `/${uriEncode(bucket)}/${key.split('/').map(uriEncode).join('/')}`
}

function amzDate(epochMilliseconds: number): string {
  return new Date(epochMilliseconds)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
}

export type Verification = { ok: true } | { ok: false; reply: Reply }

export class S3Signer {
  constructor(private readonly secret: string) {}

  /** A GET URL for one object, valid `lifetimeSeconds` from `issuedAt`. */
  sign(request: {
    origin: string
    bucket: string
    key: string
    issuedAt: number
    lifetimeSeconds: number
  }): string {
    const host = new URL(request.origin).host
    const date = amzDate(request.issuedAt)
    const query = new Map<string, string>([
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', `${ACCESS_KEY}/${date.slice(0, 8)}/${REGION}/s3/aws4_request`],
      ['X-Amz-Date', date],
      ['X-Amz-Expires', String(Math.max(1, Math.round(request.lifetimeSeconds)))],
      ['X-Amz-SignedHeaders', 'host'],
    ])
    const path = objectPath(request.bucket, request.key)
    const signature = this.signature(date, canonicalRequest('GET', path, query, host))
    const encoded = [...query.entries()]
      .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)
      .join('&')
    return `${request.origin}${S3_PREFIX}${path}?${encoded}&X-Amz-Signature=${signature}`
  }

  /** Checks a request to a signed URL: complete, not expired, and matching what was signed. */
  verify(request: {
    method: string
    /** Path after the /s3 prefix, as received (still escaped). */
    path: string
    query: URLSearchParams
    host: string
    now: number
  }): Verification {
    const { query } = request
    const signature = query.get('X-Amz-Signature')
    const date = query.get('X-Amz-Date') ?? ''
    const expires = Number(query.get('X-Amz-Expires'))
    const issuedAt = parseAmzDate(date)
    if (signature === null || issuedAt === undefined || !Number.isFinite(expires)) {
      return { ok: false, reply: s3Error(403, 'AccessDenied', 'Access Denied') }
    }
    const expiresAt = issuedAt + expires * 1000
    if (request.now > expiresAt) {
      return {
        ok: false,
        reply: s3Error(403, 'AccessDenied', 'Request has expired', {
          'X-Amz-Expires': String(expires),
          Expires: isoSeconds(expiresAt),
          ServerTime: isoSeconds(request.now),
        }),
      }
    }
    const unsigned = new Map<string, string>()
    for (const [name, value] of query.entries()) {
      if (name !== 'X-Amz-Signature') unsigned.set(name, value)
    }
    // HEAD is answered for a URL signed for GET, as S3 does.
    const method = request.method === 'HEAD' ? 'GET' : request.method
    const canonical = canonicalRequest(method, request.path, unsigned, request.host)
    const expected = Buffer.from(this.signature(date, canonical))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return {
        ok: false,
        reply: s3Error(
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
          { AWSAccessKeyId: ACCESS_KEY, CanonicalRequest: canonical },
        ),
      }
    }
    return { ok: true }
  }

  private signature(date: string, canonical: string): string {
    const scope = `${date.slice(0, 8)}/${REGION}/s3/aws4_request`
    const digest = createHash('sha256').update(canonical).digest('hex')
    const toSign = [ALGORITHM, date, scope, digest].join('\n')
    return createHmac('sha256', this.secret).update(toSign).digest('hex')
  }
}

function canonicalRequest(
  method: string,
  path: string,
  query: Map<string, string>,
  host: string,
): string {
  const canonicalQuery = [...query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)
    .join('&')
  return [method, path, canonicalQuery, `host:${host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n')
}

function isoSeconds(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
