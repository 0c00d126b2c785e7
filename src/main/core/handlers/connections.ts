import { addHuvrConnection, removeConnection } from '../../connections/store'
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
      if (!removeConnection(ctx.db(), ctx.secrets, id))
        throw new RpcError('not-found', 'There is no such account.')
      ctx.events.emit('connections.changed', null)
      return null
    },
  }
}
