import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { isMethodName } from '../../shared/rpc/names'
import { fail, type RpcResult } from '../../shared/rpc/result'
import type { EventBus } from '../core/events'
import type { Dispatcher } from '../rpc/dispatcher'
import { IPC_CHANNELS } from '../../shared/rpc/ipc-channels'

/**
 * Main's end of the bridge: only the app's own pages may call, only contract names are
 * dispatched (the dispatcher then validates params), and the answer is always an RpcResult.
 */
export function registerRpcBridge(
  ipcMain: IpcMain,
  dispatcher: Dispatcher,
  isAppUrl: (url: string) => boolean,
): void {
  ipcMain.handle(
    IPC_CHANNELS.invoke,
    async (
      event: IpcMainInvokeEvent,
      method: unknown,
      params: unknown,
    ): Promise<RpcResult<unknown>> => {
      const senderUrl = event.senderFrame?.url ?? ''
      if (!isAppUrl(senderUrl))
        return fail('unauthorized', 'Calls are accepted from the app’s own pages only.')
      if (!isMethodName(method))
        return fail('unknown-method', `There is no method called ${JSON.stringify(method)}.`)
      return dispatcher.dispatch(method, params)
    },
  )
}

/** Forwards core events to a window until it is destroyed. */
export function forwardEvents(events: EventBus, contents: WebContents): void {
  const unsubscribe = events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event, payload)
  })
  contents.once('destroyed', unsubscribe)
}
