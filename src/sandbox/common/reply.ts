/**
 * Handlers return a Reply instead of writing to the socket, so the server can decide afterwards
 * whether to deliver it, drop the connection, or cut the body off half-way (fault injection).
 */
export interface Reply {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: Buffer.alloc(0) }
}

export function bytesReply(
  status: number,
  body: Buffer,
  contentType: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body }
}

/** Compact JSON with no framework headers (the control routes use it). */
export function plainJsonReply(status: number, payload: unknown): Reply {
  return bytesReply(status, Buffer.from(JSON.stringify(payload), 'utf8'), 'application/json')
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** XML text escaping; GCS also escapes apostrophes, S3 leaves them. */
export function escapeXml(text: string, { apostrophes = false } = {}): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
  return apostrophes ? escaped.replace(/'/g, '&apos;') : escaped
}

/** `<Name>value</Name>` for each field in order, as storage error documents list their details. */
export function xmlElements(
  fields: Record<string, string>,
  options: { apostrophes?: boolean } = {},
): string {
  return Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value, options)}</${name}>`)
    .join('')
}
