import type { IpcRenderer, WebUtils } from 'electron'
import { isEventName, isMethodName, type EventName } from '../shared/rpc/names'
import type { FieldstationBridge } from '../shared/rpc/bridge'
import type { RpcResult } from '../shared/rpc/result'
import { IPC_CHANNELS } from '../shared/rpc/ipc-channels'

export function createBridge(
  ipcRenderer: IpcRenderer,
  webUtils: Pick<WebUtils, 'getPathForFile'>,
): FieldstationBridge {
  return {
    invoke(method, params) {
      if (!isMethodName(method)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unknown-method',
            message: `There is no method called ${JSON.stringify(method)}.`,
          },
        })
      }
      return ipcRenderer.invoke(IPC_CHANNELS.invoke, method, params) as Promise<RpcResult<unknown>>
    },
    pathForFile(file) {
      return webUtils.getPathForFile(file)
    },
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`There is no event called ${JSON.stringify(event)}.`)
      const wanted: EventName = event
      const handler = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
        if (name === wanted) listener(payload)
      }
      ipcRenderer.on(IPC_CHANNELS.event, handler)
      return () => ipcRenderer.removeListener(IPC_CHANNELS.event, handler)
    },
  }
}
