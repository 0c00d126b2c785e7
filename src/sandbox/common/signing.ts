import { timingSafeEqual } from 'node:crypto'
import type { Reply } from './reply'

/**
 * What GCS V4 signing and S3 SigV4 query-string signing have in common: RFC 3986 escaping, the
 * compact ISO-8601 date, the signature, date and lifetime parameters in the query, a canonical
 * (sorted) query, and a constant-time signature check. Each system's signer adds its own scope,
 * signed headers and error documents.
 */

/** A signed URL's check: fine, or the storage's own error answer. */
export type Verification = { ok: true } | { ok: false; reply: Reply }

/** RFC 3986 escaping, as both canonical requests use it. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** `/<bucket>/<object>`, each path segment escaped. */
export function objectPath(bucket: string, object: string): string {
  return `/${uriEncode(bucket)}/${object.split('/').map(uriEncode).join('/')}`
}

/** `20250101T093000Z`: the date format of `X-Goog-Date` and `X-Amz-Date`. */
export function compactDate(epochMilliseconds: number): string {
  return new Date(epochMilliseconds)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function parseCompactDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
}

/** What a signed URL's query says about its signature (`X-Goog-…` or `X-Amz-…` parameters). */
export interface SignedQuery {
  signature: string
  /** The `…-Date` parameter as sent: the string to sign repeats it. */
  date: string
  expiresSeconds: number
  expiresAt: number
  /** Every parameter but the signature: what the canonical request covers. */
  unsigned: Map<string, string>
}

/** Reads a signed URL's query; null when the signature, date or lifetime is missing or malformed. */
export function readSignedQuery(
  query: URLSearchParams,
  prefix: 'X-Goog' | 'X-Amz',
): SignedQuery | null {
  const signatureName = `${prefix}-Signature`
  const signature = query.get(signatureName)
  const date = query.get(`${prefix}-Date`) ?? ''
  const expiresSeconds = Number(query.get(`${prefix}-Expires`))
  const issuedAt = parseCompactDate(date)
  if (signature === null || issuedAt === undefined || !Number.isFinite(expiresSeconds)) return null
  const unsigned = new Map<string, string>()
  for (const [name, value] of query.entries()) {
    if (name !== signatureName) unsigned.set(name, value)
  }
  return { signature, date, expiresSeconds, expiresAt: issuedAt + expiresSeconds * 1000, unsigned }
}

/** The query part of a signed URL, parameters in the given order. */
export function encodeQuery(query: Map<string, string>): string {
  return encodePairs([...query.entries()])
}

/** The query as the canonical request has it: sorted by name (code unit order), then encoded. */
export function canonicalQuery(query: Map<string, string>): string {
  return encodePairs([...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function encodePairs(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join('&')
}

/** Compares a secret with what was sent without leaking, through timing, how much matched. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
