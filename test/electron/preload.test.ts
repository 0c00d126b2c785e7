import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { FieldstationBridge } from '../../src/shared/rpc/bridge'
import { IPC_CHANNELS } from '../../src/shared/rpc/ipc-channels'

const exposed = new Map<string, unknown>()
const ipcRenderer = {
  invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
  on: vi.fn(),
  removeListener: vi.fn(),
}

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
  webUtils: { getPathForFile: (file: { name: string }) => `/media/card/DCIM/${file.name}` },
}))

async function loadPreload(): Promise<FieldstationBridge> {
  await import('../../src/preload/index')
  return exposed.get('fieldstation') as FieldstationBridge
}

describe('preload', () => {
  beforeEach(() => vi.clearAllMocks())

  it('exposes exactly one object with invoke and on', async () => {
    const bridge = await loadPreload()
    expect([...exposed.keys()]).toEqual(['fieldstation'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile'])
  })

  it('tells the path of a dropped file, which Electron no longer puts on the File', async () => {
    const bridge = await loadPreload()
    expect(bridge.pathForFile({ name: 'DSC0001.JPG' } as File)).toBe('/media/card/DCIM/DSC0001.JPG')
  })

  it('forwards contract methods over the invoke channel', async () => {
    const bridge = await loadPreload()
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 'from main' })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.invoke, 'app.info', {})
  })

  it('refuses method names outside the contract before they reach main', async () => {
    const bridge = await loadPreload()
    expect(
      await bridge.invoke('shell.openExternal', { url: 'https://evil.example' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    })
    expect(ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('delivers only the subscribed event and unsubscribes cleanly', async () => {
    const bridge = await loadPreload()
    const listener = vi.fn()
    const unsubscribe = bridge.on('settings.changed', listener)
    const handler = ipcRenderer.on.mock.calls[0]![1] as (
      e: unknown,
      name: string,
      payload: unknown,
    ) => void
    handler(null, 'sync.progress', { done: 1 })
    handler(null, 'settings.changed', { workOffline: true })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledWith({ workOffline: true })
    unsubscribe()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_CHANNELS.event, handler)
    expect(() => bridge.on('ipc.anything', listener)).toThrow(/no event/)
  })
})
