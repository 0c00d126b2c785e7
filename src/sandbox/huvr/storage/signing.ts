import { createHash, createHmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import {
  canonicalQuery,
  compactDate,
  encodeQuery,
  objectPath,
  readSignedQuery,
  sameSecret,
  type Verification,
} from '../../common/signing'
import { accessDenied, gcsError } from './xml-errors'

/**
 * Signed URLs in the shape of GCS V4 signing: the URL carries algorithm, credential, date, lifetime
 * and the names of the signed headers; the signature covers method, path, query and the values of
 * those headers. So a PUT with a different Content-Type (or a missing signed header) fails with
 * SignatureDoesNotMatch, and a late one with ExpiredToken, as real GCS does. The HMAC key is the
 * simulator's own; only the shape is GCS's.
 */
export const STORAGE_PREFIX = '/storage'
const ALGORITHM = 'GOOG4-HMAC-SHA256'
const SIGNER = 'huvr-media-signer@huvr-sandbox.iam.gserviceaccount.com'

export interface SignRequest {
  /** `http://host:port` the client reached the API on; storage lives on the same origin. */
  origin: string
  method: 'GET' | 'PUT' | 'POST'
  bucket: string
  object: string
  /** Headers the uploader must send with exactly these values (host is always signed too). */
  headers: Record<string, string>
  issuedAt: number
  lifetimeSeconds: number
}

export class UrlSigner {
  constructor(private readonly secret: string) {}

  sign(request: SignRequest): string {
    const host = new URL(request.origin).host
    const headers = normalizeHeaders({ ...request.headers, host })
    const names = Object.keys(headers).sort()
    const date = compactDate(request.issuedAt)
    const query = new Map<string, string>([
      ['X-Goog-Algorithm', ALGORITHM],
      ['X-Goog-Credential', `${SIGNER}/${date.slice(0, 8)}/auto/storage/goog4_request`],
      ['X-Goog-Date', date],
      ['X-Goog-Expires', String(Math.max(1, Math.round(request.lifetimeSeconds)))],
      ['X-Goog-SignedHeaders', names.join(';')],
    ])
    const path = objectPath(request.bucket, request.object)
    const canonical = canonicalRequest(request.method, path, query, names, headers)
    const signature = this.signature(stringToSign(date, canonical))
    const unsignedUrl = `${request.origin}${STORAGE_PREFIX}${path}?${encodeQuery(query)}`
    return `${unsignedUrl}&X-Goog-Signature=${signature}`
  }

  /** Checks a request to a signed URL: present, not expired, and matching what was signed. */
  verify(request: {
    method: string
    /** Path after the /storage prefix, as received (still escaped). */
    path: string
    query: URLSearchParams
    headers: IncomingHttpHeaders
    now: number
  }): Verification {
    const signed = readSignedQuery(request.query, 'X-Goog')
    if (signed === null) {
      return {
        ok: false,
        reply: accessDenied('Anonymous caller does not have storage.objects access.'),
      }
    }
    if (request.now > signed.expiresAt) {
      const stamp = new Date(signed.expiresAt).toISOString().replace(/\.\d{3}Z$/, '+00:00')
      return {
        ok: false,
        reply: gcsError(400, 'ExpiredToken', 'Invalid argument.', {
          Details: `The provided token has expired. Request signature expired at: ${stamp}`,
        }),
      }
    }
    const signedNames = (request.query.get('X-Goog-SignedHeaders') ?? '').split(';').filter(Boolean)
    const sent: Record<string, string> = {}
    for (const name of signedNames) sent[name] = headerValue(request.headers, name)
    const headers = normalizeHeaders(sent)
    const canonical = canonicalRequest(
      request.method,
      request.path,
      signed.unsigned,
      signedNames.slice().sort(),
      headers,
    )
    const toSign = stringToSign(signed.date, canonical)
    if (!sameSecret(signed.signature, this.signature(toSign))) {
      return {
        ok: false,
        reply: gcsError(403, 'SignatureDoesNotMatch', 'Access denied.', {
          Details:
            'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.',
          StringToSign: toSign,
          CanonicalRequest: canonical,
        }),
      }
    }
    return { ok: true }
  }

  private signature(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex')
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

function normalizeHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.toLowerCase(),
      value.trim().replace(/\s+/g, ' '),
    ]),
  )
}

function canonicalRequest(
  method: string,
  path: string,
  query: Map<string, string>,
  signedNames: string[],
  headers: Record<string, string>,
): string {
  const canonicalHeaders = signedNames.map((name) => `${name}:${headers[name] ?? ''}\n`).join('')
  return [
    method,
    path,
    canonicalQuery(query),
    canonicalHeaders,
    signedNames.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n')
}

function stringToSign(date: string, canonical: string): string {
  const scope = `${date.slice(0, 8)}/auto/storage/goog4_request`
  const digest = createHash('sha256').update(canonical).digest('hex')
  return [ALGORITHM, date, scope, digest].join('\n')
}
