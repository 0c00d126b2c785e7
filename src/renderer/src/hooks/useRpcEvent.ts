import { useEffect, useEffectEvent } from 'react'
import type { EventPayload } from '../../../shared/rpc/contract'
import type { EventName } from '../../../shared/rpc/names'
import { useRpc } from '../rpc/hooks'

/** Calls `listener` for every push of `event` while the component is mounted; the listener may change between renders. */
export function useRpcEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): void {
  const rpc = useRpc()
  const onEvent = useEffectEvent(listener)
  useEffect(() => rpc.on(event, (payload) => onEvent(payload)), [rpc, event])
}
