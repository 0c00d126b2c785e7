/** Addresses inside the app (hash routes), built in one place so links and routes agree. */

export const assetHref = (connectionId: string, id: number) =>
  `/assets/${encodeURIComponent(connectionId)}/${id}`

export const projectHref = (connectionId: string, id: number) =>
  `/projects/${encodeURIComponent(connectionId)}/${id}`

/** Which cached record, across accounts: HUVR's id is only unique within one account. */
export interface RecordRef {
  connectionId: string
  id: number
}

/**
 * Route params back into a record reference; null when the address is not one. A negative id is
 * a record created on this computer that the server has not given its own id yet.
 */
export function parseRecordRef(params: { connectionId?: string; id?: string }): RecordRef | null {
  if (!params.connectionId || !params.id || !/^-?\d+$/.test(params.id)) return null
  try {
    return { connectionId: decodeURIComponent(params.connectionId), id: Number(params.id) }
  } catch {
    return null
  }
}

export const transamAssetHref = (connectionId: string, key: string) =>
  `/transam/assets/${encodeURIComponent(connectionId)}/${encodeURIComponent(key)}`

export const LINKS_HREF = '/links'

/** A TransAM record: its object_key (12 characters of 0-9 and A-N) within one account. */
export interface TransamRef {
  connectionId: string
  key: string
}

const OBJECT_KEY = /^[0-9A-N]{12}$/

export function parseTransamRef(params: {
  connectionId?: string
  key?: string
}): TransamRef | null {
  if (!params.connectionId || !params.key) return null
  try {
    const key = decodeURIComponent(params.key)
    if (!OBJECT_KEY.test(key)) return null
    return { connectionId: decodeURIComponent(params.connectionId), key }
  } catch {
    return null
  }
}

/** Unsent changes: conflicts to resolve, refused changes, what waits to be sent. */
export const CHANGES_HREF = '/changes'
