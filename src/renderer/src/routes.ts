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

/** Route params back into a record reference; null when the address is not one. */
export function parseRecordRef(params: { connectionId?: string; id?: string }): RecordRef | null {
  if (!params.connectionId || !params.id || !/^\d+$/.test(params.id)) return null
  try {
    return { connectionId: decodeURIComponent(params.connectionId), id: Number(params.id) }
  } catch {
    return null
  }
}
