import { createHash, createHmac } from 'node:crypto'
import {
  canonicalQuery,
  compactDate,
  encodeQuery,
  objectPath,
  readSignedQuery,
  sameSecret,
  type Verification,
} from '../../common/signing'
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
    const date = compactDate(request.issuedAt)
    const query = new Map<string, string>([
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', `${ACCESS_KEY}/${date.slice(0, 8)}/${REGION}/s3/aws4_request`],
      ['X-Amz-Date', date],
      ['X-Amz-Expires', String(Math.max(1, Math.round(request.lifetimeSeconds)))],
      ['X-Amz-SignedHeaders', 'host'],
    ])
    const path = objectPath(request.bucket, request.key)
    const signature = this.signature(date, canonicalRequest('GET', path, query, host))
    const unsignedUrl = `${request.origin}${S3_PREFIX}${path}?${encodeQuery(query)}`
    return `${unsignedUrl}&X-Amz-Signature=${signature}`
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
    const signed = readSignedQuery(request.query, 'X-Amz')
    if (signed === null) {
      return { ok: false, reply: s3Error(403, 'AccessDenied', 'Access Denied') }
    }
    if (request.now > signed.expiresAt) {
      return {
        ok: false,
        reply: s3Error(403, 'AccessDenied', 'Request has expired', {
          'X-Amz-Expires': String(signed.expiresSeconds),
          Expires: isoSeconds(signed.expiresAt),
          ServerTime: isoSeconds(request.now),
        }),
      }
    }
    // HEAD is answered for a URL signed for GET, as S3 does.
    const method = request.method === 'HEAD' ? 'GET' : request.method
    const canonical = canonicalRequest(method, request.path, signed.unsigned, request.host)
    if (!sameSecret(signed.signature, this.signature(signed.date, canonical))) {
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
  return [method, path, canonicalQuery(query), `host:${host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join(
    '\n',
  )
}

function isoSeconds(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
