import { createContext, useCallback, useContext, useEffect, useState } from 'react'
import type { RpcClient } from '../../../shared/rpc/client'
import type { Params, Result } from '../../../shared/rpc/contract'
import type { EventName, MethodName } from '../../../shared/rpc/names'
import type { RpcErrorBody } from '../../../shared/rpc/result'

export const RpcContext = createContext<RpcClient | null>(null)

export function useRpc(): RpcClient {
  const client = useContext(RpcContext)
  if (!client) throw new Error('useRpc needs an RpcContext provider')
  return client
}

export type Query<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: RpcErrorBody }

/**
 * Calls a method on mount and again whenever one of `refreshOn` fires or `reload` is called.
 * Refreshing keeps the last value on screen instead of flashing a spinner. `setValue` shows a
 * newer value without asking again (the core's answer to a save, say); given a function, it
 * changes the value on screen, and does nothing while there is none.
 */
export function useQuery<M extends MethodName>(
  method: M,
  params: Params<M>,
  refreshOn: readonly EventName[] = [],
): Query<Result<M>> & {
  reload: () => void
  setValue: (next: Result<M> | ((previous: Result<M>) => Result<M>)) => void
} {
  const rpc = useRpc()
  const [query, setQuery] = useState<Query<Result<M>>>({ state: 'loading' })
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  const setValue = useCallback(
    (next: Result<M> | ((previous: Result<M>) => Result<M>)) =>
      setQuery((previous) => {
        if (typeof next !== 'function') return { state: 'ready', value: next }
        return previous.state === 'ready'
          ? { state: 'ready', value: next(previous.value) }
          : previous
      }),
    [],
  )
  const paramsKey = JSON.stringify(params)

  useEffect(() => {
    let current = true
    void rpc.call(method, JSON.parse(paramsKey) as Params<M>).then((result) => {
      if (!current) return
      setQuery(
        result.ok
          ? { state: 'ready', value: result.value }
          : { state: 'error', error: result.error },
      )
    })
    return () => {
      current = false
    }
  }, [rpc, method, paramsKey, generation])

  const refreshKey = refreshOn.join(',')
  useEffect(() => {
    const names = refreshKey === '' ? [] : (refreshKey.split(',') as EventName[])
    const unsubscribers = names.map((name) => rpc.on(name, reload))
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
  }, [rpc, refreshKey, reload])

  return { ...query, reload, setValue }
}
