import type { EditableKind } from '../../../shared/rpc/outbox-contract'
import { useRpcEvent } from '../hooks/useRpcEvent'

/**
 * A record created on this computer has a negative id until the push sends it and the server
 * answers with its own id (a `record.changed` event with `newId`). A page addressed by the local
 * id follows to the server's; this remembers, for as long as the window is open, which server
 * id each local id became, so that
 *  - the page keeps its React key when its address changes, and with it the field the inspector
 *    is typing in (nothing typed is lost to a remount);
 *  - an address with the local id opened later (a link, Back, a list read before the push) still
 *    leads to the record.
 */
const serverIds = new Map<string, number>()
const localIds = new Map<string, number>()

const keyOf = (kind: EditableKind, connectionId: string, id: number | string) =>
  `${kind}\u0000${connectionId}\u0000${id}`

export function rememberServerId(
  kind: EditableKind,
  connectionId: string,
  localId: number | string,
  serverId: number | string,
): void {
  const local = Number(localId)
  const remote = Number(serverId)
  if (!Number.isInteger(local) || !Number.isInteger(remote) || local >= 0) return
  serverIds.set(keyOf(kind, connectionId, local), remote)
  localIds.set(keyOf(kind, connectionId, remote), local)
}

/** The server's id of a record created here, once the push has sent it; else null. */
export function serverIdOf(kind: EditableKind, connectionId: string, id: number): number | null {
  return id < 0 ? (serverIds.get(keyOf(kind, connectionId, id)) ?? null) : null
}

/** A page's key that stays the same when its record (created here) gets its server id. */
export function stableRecordKey(kind: EditableKind, connectionId: string, id: number): string {
  return `${connectionId}/${localIds.get(keyOf(kind, connectionId, id)) ?? id}`
}

/** Listens for the server ids the push hands out, for the whole window (mounted once, in App). */
export function useServerIdMemory(): void {
  useRpcEvent('record.changed', (event) => {
    if (event.newId !== undefined)
      rememberServerId(event.kind, event.connectionId, event.id, event.newId)
  })
}
