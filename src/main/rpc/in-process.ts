import { createRpcClient, type RpcClient } from '../../shared/rpc/client'
import type { EventBus } from '../core/events'
import type { Dispatcher } from './dispatcher'

/** The in-process carrier (CLI, tests): typed calls straight into the dispatcher, events from the bus. */
export function createInProcessClient(dispatcher: Dispatcher, events: EventBus): RpcClient {
  return createRpcClient({
    invoke: (method, params) => dispatcher.dispatch(method, params),
    on: (event, listener) =>
      events.subscribe((name, payload) => {
        if (name === event) listener(payload)
      }),
  })
}
