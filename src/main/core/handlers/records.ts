import type { Handlers } from '../../rpc/dispatcher'
import type { OutboxDecisions } from '../../outbox/decisions'
import type { OutboxStore } from '../../outbox/store'
import type { CoreContext } from '../context'

type RecordMethods =
  | 'records.get'
  | 'records.serverId'
  | 'records.listByProject'
  | 'records.linkedMedia'
  | 'records.update'
  | 'records.create'
  | 'records.delete'
  | 'outbox.list'
  | 'outbox.counts'
  | 'outbox.retry'
  | 'outbox.discard'
  | 'outbox.undoDiscard'
  | 'outbox.resolve'
  | 'huvr.lookups'
  | 'huvr.cmls'

/** Offline editing: every call answers from the local cache and outbox, never the network. */
export function recordHandlers(
  ctx: CoreContext,
  outbox: () => {
    store: OutboxStore
    decisions: OutboxDecisions
    afterEdit(connectionId: string): void
  },
): Pick<Handlers, RecordMethods> {
  const edited = <T>(connectionId: string, result: T): T => {
    outbox().afterEdit(connectionId)
    return result
  }
  return {
    'records.get': (ref) => outbox().store.view(ref),
    'records.serverId': (ref) => outbox().store.serverIdOf(ref),
    'records.listByProject': ({ connectionId, kind, projectId }) =>
      outbox().store.listByParent(connectionId, kind, projectId),
    'records.linkedMedia': ({ connectionId, defectId }) =>
      outbox().store.linkedMedia(connectionId, defectId),
    'records.update': ({ changes, ...ref }) =>
      edited(ref.connectionId, outbox().store.update(ref, changes)),
    'records.create': ({ connectionId, kind, fields }) =>
      edited(connectionId, outbox().store.create(connectionId, kind, fields)),
    'records.delete': (ref) => {
      outbox().store.remove(ref)
      return edited(ref.connectionId, null)
    },
    'outbox.list': ({ state }) => outbox().store.list(state),
    'outbox.counts': () => {
      const byConnection: Record<string, ReturnType<OutboxStore['counts']>> = {}
      const ids = ctx.db().prepare('SELECT id FROM connections').pluck().all() as string[]
      for (const id of ids) byConnection[id] = outbox().store.counts(id)
      return { total: outbox().store.counts(), byConnection }
    },
    'outbox.retry': ({ itemId }) => {
      const count = outbox().decisions.retry(itemId)
      for (const id of ctx.db().prepare('SELECT id FROM connections').pluck().all() as string[])
        outbox().afterEdit(id)
      return count
    },
    'outbox.discard': ({ itemId }) => outbox().decisions.discard(itemId),
    'outbox.undoDiscard': ({ undoId }) => {
      outbox().decisions.undoDiscard(undoId)
      return null
    },
    'outbox.resolve': (params) => {
      const view = outbox().decisions.resolve(params)
      return edited(view.connectionId, view)
    },
    'huvr.lookups': ({ connectionId, kind }) =>
      (
        ctx
          .db()
          .prepare(
            'SELECT remote_id AS id, name, data FROM huvr_lookups WHERE connection_id = ? AND kind = ? ORDER BY name',
          )
          .all(connectionId, kind) as { id: number; name: string; data: string }[]
      ).map(({ data, ...row }) => ({
        ...row,
        record: JSON.parse(data) as Record<string, unknown>,
      })),
    'huvr.cmls': ({ connectionId, assetId }) =>
      (
        ctx
          .db()
          .prepare(
            'SELECT remote_id AS id, name, data FROM huvr_cmls WHERE connection_id = ? AND asset_id = ? ORDER BY name COLLATE NOCASE, remote_id',
          )
          .all(connectionId, assetId) as { id: number; name: string | null; data: string }[]
      ).map(({ data, name, id }) => ({
        id,
        name: name ?? `CML ${id}`,
        record: JSON.parse(data) as Record<string, unknown>,
      })),
  }
}
