import type { EventPayload, Params, Result } from './contract'
import type { EventName, MethodName } from './names'
import type { RpcResult } from './result'

/** What a carrier (Electron IPC, HTTP + WebSocket, in-process) must provide. */
export interface RpcTransport {
  invoke(method: MethodName, params: unknown): Promise<RpcResult<unknown>>
  on(event: EventName, listener: (payload: unknown) => void): () => void
}

export interface RpcClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<RpcResult<Result<M>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/**
 * Typed calls over any carrier. The types hold because the core validates params against the
 * same contract and its results are checked against it in tests.
 */
export function createRpcClient(transport: RpcTransport): RpcClient {
  return {
    call: (method, params) =>
      transport.invoke(method, params) as Promise<RpcResult<Result<typeof method>>>,
    on: (event, listener) => transport.on(event, listener as (payload: unknown) => void),
  }
}
