import { addHuvrConnection, removeConnection, unsentWork } from '../../connections/store'
import { RpcError, type Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

type ConnectionMethods =
  | 'connections.sandboxPresets'
  | 'connections.testHuvr'
  | 'connections.addHuvr'
  | 'connections.remove'

export function connectionHandlers(ctx: CoreContext): Pick<Handlers, ConnectionMethods> {
  return {
    'connections.sandboxPresets': () =>
      Object.entries(ctx.sandbox ?? {}).map(([system, endpoint]) => ({ system, ...endpoint })),
    'connections.testHuvr': (account) => ctx.sync().testHuvr(account),
    'connections.addHuvr': (account) => {
      const sandbox = ctx.sandbox?.huvr?.baseUrl === account.baseUrl.replace(/\/+$/, '')
      const summary = addHuvrConnection(ctx.db(), ctx.secrets, ctx.clock, { ...account, sandbox })
      ctx.events.emit('connections.changed', null)
      return summary
    },
    'connections.remove': ({ id }) => {
      // Removing an account takes its outbox and upload queue with it: never with work unsent.
      const { changes, uploads } = unsentWork(ctx.db(), id)
      if (changes > 0 || uploads > 0) {
        throw new RpcError(
          'refused',
          `This account still has ${changes} unsynced change(s) and ${uploads} queued upload(s). ` +
            'Sync them (or discard them one by one) before removing the account.',
        )
      }
      if (!removeConnection(ctx.db(), ctx.secrets, id)) {
        throw new RpcError('not-found', 'There is no such account.')
      }
      ctx.events.emit('connections.changed', null)
      return null
    },
  }
}
