import { RailsException } from './errors'

/** A file part of a multipart body, as Rack hands it to Rails (ActionDispatch::Http::UploadedFile). */
export interface UploadedFile {
  kind: 'uploaded-file'
  filename: string
  contentType: string
  bytes: Buffer
}

export type ParamValue =
  string | number | boolean | null | UploadedFile | ParamValue[] | { [key: string]: ParamValue }
export type ParamHash = { [key: string]: ParamValue }

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'uploaded-file'
  )
}

export function isParamHash(value: unknown): value is ParamHash {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isUploadedFile(value)
  )
}

/** Rack::Utils.parse_nested_query: `a=1&b[c]=2&d[]=3&d[]=4`; a repeated plain name keeps the last. */
export function parseNestedQuery(raw: string): ParamHash {
  const params: ParamHash = {}
  for (const part of raw.split(/[&;]/)) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const name = unescape(equals < 0 ? part : part.slice(0, equals))
    const value = equals < 0 ? null : unescape(part.slice(equals + 1))
    normalizeParam(params, name, value)
  }
  return params
}

/** The flat view the request log shows: each raw name with its value(s). */
export function flatQuery(raw: string): Map<string, string[]> {
  const pairs = new Map<string, string[]>()
  for (const part of raw.split(/[&;]/)) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const name = unescape(equals < 0 ? part : part.slice(0, equals))
    const value = equals < 0 ? '' : unescape(part.slice(equals + 1))
    const values = pairs.get(name)
    if (values === undefined) pairs.set(name, [value])
    else values.push(value)
  }
  return pairs
}

function unescape(text: string): string {
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    throw new RailsException(
      'ActionController::BadRequest',
      'Invalid query parameters: invalid %-encoding (' + text + ')',
    )
  }
}

/** Rack's normalize_params: puts one `name=value` into nested hashes and arrays. */
export function normalizeParam(params: ParamHash, name: string, value: ParamValue): void {
  const match = /^[[\]]*([^[\]]+)\]*/.exec(name)
  const key = match?.[1] ?? ''
  const after = match === null ? '' : name.slice(match[0].length)
  if (key === '') return
  if (after === '') {
    params[key] = value
  } else if (after === '[') {
    params[name] = value
  } else if (after === '[]') {
    const list = params[key] ?? []
    if (!Array.isArray(list)) throw typeError('Array', list, key)
    list.push(value)
    params[key] = list
  } else {
    const arrayOfHashes = /^\[\]\[([^[\]]+)\]$/.exec(after) ?? /^\[\](.+)$/.exec(after)
    if (arrayOfHashes !== null) {
      const childKey = arrayOfHashes[1] as string
      const list = params[key] ?? []
      if (!Array.isArray(list)) throw typeError('Array', list, key)
      const last = list[list.length - 1]
      if (isParamHash(last) && !hasNested(last, childKey)) {
        normalizeParam(last, childKey, value)
      } else {
        const fresh: ParamHash = {}
        normalizeParam(fresh, childKey, value)
        list.push(fresh)
      }
      params[key] = list
    } else {
      const child = params[key] ?? {}
      if (!isParamHash(child)) throw typeError('Hash', child, key)
      normalizeParam(child, after, value)
      params[key] = child
    }
  }
}

function hasNested(hash: ParamHash, childKey: string): boolean {
  const parts = childKey.split(/[[\]]+/).filter((part) => part !== '')
  let current: ParamValue = hash
  for (const part of parts) {
    if (!isParamHash(current) || !(part in current)) return false
    current = current[part] as ParamValue
  }
  return true
}

function typeError(expected: string, got: ParamValue, key: string): RailsException {
  const actual = Array.isArray(got) ? 'Array' : isParamHash(got) ? 'Hash' : 'String'
  return new RailsException(
    'ActionController::BadRequest',
    `Invalid request parameters: expected ${expected} (got ${actual}) for param \`${key}'`,
  )
}

/** Ruby's String#to_i: leading whitespace, sign and digits; anything else reads as 0. */
export function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value)
  if (typeof value !== 'string') return 0
  const match = /^\s*([+-]?\d+(?:_\d+)*)/.exec(value)
  return match === null ? 0 : Number.parseInt((match[1] as string).replace(/_/g, ''), 10)
}

/** Ruby's `inspect` of an errors hash: `{:document=>["can't be blank"]}` (Ruby 2.x syntax). */
export function rubyInspectErrors(errors: ReadonlyMap<string, string[]>): string {
  const entries = [...errors.entries()].map(
    ([field, messages]) => `:${field}=>[${messages.map(rubyString).join(', ')}]`,
  )
  return `{${entries.join(', ')}}`
}

export function rubyString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}

/** How Ruby names a receiver in a NoMethodError message (`nil:NilClass`, `12:Integer`). */
export function rubyReceiver(value: unknown): string {
  if (value === null || value === undefined) return 'nil:NilClass'
  if (typeof value === 'number') return `${value}:${Number.isInteger(value) ? 'Integer' : 'Float'}`
  if (typeof value === 'boolean') return `${value}:${value ? 'TrueClass' : 'FalseClass'}`
  if (typeof value === 'string') return `${rubyString(value)}:String`
  if (Array.isArray(value)) return `${JSON.stringify(value)}:Array`
  return `#<ActionController::Parameters ${JSON.stringify(value)} permitted: false>`
}
