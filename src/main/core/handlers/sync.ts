import type { Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

export function syncHandlers(ctx: CoreContext): Pick<Handlers, 'sync.run' | 'sync.status'> {
  return {
    // Returns at once: progress and the outcome arrive as sync.progress and sync.finished events.
    'sync.run': (request) => ({
      started: ctx.sync().start({
        ...(request.connectionId === undefined ? {} : { connectionId: request.connectionId }),
        ...(request.full === undefined ? {} : { full: request.full }),
      }),
    }),
    'sync.status': () => ctx.sync().status(),
  }
}
