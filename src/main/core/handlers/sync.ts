import type { PushScheduler } from '../../outbox/push-scheduler'
import { RpcError, type Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

const WORKING_OFFLINE = 'Work offline is on: turn it off to talk to the servers.'

export function syncHandlers(
  ctx: CoreContext,
  scheduler: PushScheduler,
): Pick<Handlers, 'sync.run' | 'sync.status' | 'sync.push' | 'connectivity.get'> {
  const refuseWhenOffline = () => {
    if (ctx.settings.get().workOffline) throw new RpcError('refused', WORKING_OFFLINE)
  }
  return {
    // Returns at once: progress and the outcome arrive as sync.progress and sync.finished events.
    'sync.run': (request) => {
      refuseWhenOffline()
      return {
        started: ctx.sync().start({
          ...(request.connectionId === undefined ? {} : { connectionId: request.connectionId }),
          ...(request.full === undefined ? {} : { full: request.full }),
        }),
      }
    },
    'sync.status': () => ctx.sync().status(),
    // Returns at once: each record's outcome arrives as record.changed and outbox.changed events.
    'sync.push': ({ connectionId }) => {
      refuseWhenOffline()
      const ids = scheduler
        .status()
        .connections.map((c) => c.connectionId)
        .filter((id) => connectionId === undefined || id === connectionId)
      for (const id of ids)
        void ctx
          .sync()
          .push(id)
          .catch((error: unknown) => ctx.log.warn({ err: error, connectionId: id }, 'push failed'))
      return { started: ids }
    },
    'connectivity.get': () => scheduler.status(),
  }
}
