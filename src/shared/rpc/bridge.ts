import type { RpcResult } from './result'

/**
 * What the Electron preload exposes as `window.fieldstation`: call a contract method, listen
 * to a contract event. Names outside the contract are refused on both sides of the bridge.
 */
export interface FieldstationBridge {
  invoke(method: string, params: unknown): Promise<RpcResult<unknown>>
  on(event: string, listener: (payload: unknown) => void): () => void
  /**
   * Where a dropped or chosen file lives on disk (Electron no longer puts it on the File), so
   * imports copy from the path instead of streaming the bytes through the renderer.
   */
  pathForFile(file: File): string
}
