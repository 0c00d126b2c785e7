import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { registerRpcBridge } from '../../src/main/electron/ipc-bridge'
import { createAppUrlCheck } from '../../src/main/electron/window'
import type { Dispatcher } from '../../src/main/rpc/dispatcher'
import { IPC_CHANNELS } from '../../src/shared/rpc/ipc-channels'

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

function setUp() {
  const handlers = new Map<string, InvokeHandler>()
  const ipcMain = {
    handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler),
  }
  const dispatch = vi.fn<Dispatcher['dispatch']>(async () => ({ ok: true, value: 'dispatched' }))
  registerRpcBridge(
    ipcMain as unknown as IpcMain,
    { dispatch },
    createAppUrlCheck('/app/out/renderer'),
  )
  const call = (senderUrl: string, ...args: unknown[]) =>
    handlers.get(IPC_CHANNELS.invoke)!(
      { senderFrame: { url: senderUrl } } as IpcMainInvokeEvent,
      ...args,
    )
  return { handlers, dispatch, call }
}

const APP_PAGE = 'file:///app/out/renderer/index.html'

describe('main side of the IPC bridge', () => {
  it('registers one invoke channel and nothing else', () => {
    expect([...setUp().handlers.keys()]).toEqual([IPC_CHANNELS.invoke])
  })

  it('dispatches contract methods from the app’s own page', async () => {
    const { call, dispatch } = setUp()
    expect(await call(APP_PAGE, 'app.info', {})).toEqual({ ok: true, value: 'dispatched' })
    expect(dispatch).toHaveBeenCalledWith('app.info', {})
  })

  it('refuses names outside the contract without dispatching', async () => {
    const { call, dispatch } = setUp()
    expect(await call(APP_PAGE, 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    })
    expect(await call(APP_PAGE, 42)).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses calls from any other page', async () => {
    const { call, dispatch } = setUp()
    expect(await call('https://evil.example/', 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
    expect(dispatch).not.toHaveBeenCalled()
  })
})
