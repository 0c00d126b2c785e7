import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// Everything the entry touches in Electron, recorded so the wiring can be checked without the binary.
const electron = vi.hoisted(() => {
  const userData = { dir: '' }
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = []
  const ipcHandlers = new Map<string, unknown>()
  let readyResolve: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (readyResolve = resolve))
  class BrowserWindow {
    static getAllWindows = () => windows
    record: { options: Record<string, unknown>; loaded: string[] }
    webContents = {
      on: vi.fn(),
      once: vi.fn(),
      setWindowOpenHandler: vi.fn(),
      isDestroyed: () => false,
      send: vi.fn(),
    }
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] }
      windows.push(this.record)
    }
    once = vi.fn()
    show = vi.fn()
    loadFile = async (file: string) => void this.record.loaded.push(file)
    loadURL = async (url: string) => void this.record.loaded.push(url)
  }
  return {
    userData,
    windows,
    ipcHandlers,
    markReady: () => readyResolve(),
    module: {
      app: {
        enableSandbox: vi.fn(),
        whenReady: () => ready,
        getPath: () => userData.dir,
        getVersion: () => '0.0.0',
        on: vi.fn(),
        quit: vi.fn(),
      },
      BrowserWindow,
      ipcMain: {
        on: vi.fn(),
        handle: (channel: string, handler: unknown) => ipcHandlers.set(channel, handler),
      },
      dialog: { showErrorBox: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      safeStorage: {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (value: string) => Buffer.from(value).reverse(),
        decryptString: (value: Buffer) => Buffer.from(value).reverse().toString(),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
        },
      },
    },
  }
})

vi.mock('electron', () => ({ ...electron.module, default: electron.module }))

describe('Electron entry (src/main/index.ts)', () => {
  it('enables the sandbox, guards permissions, bridges IPC and opens one secure window', async () => {
    electron.userData.dir = mkdtempSync(join(tmpdir(), 'fieldstation-electron-'))
    await import('../../src/main/index')
    expect(electron.module.app.enableSandbox).toHaveBeenCalled()
    electron.markReady()
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1))

    const [window] = electron.windows
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    })
    expect(String((window!.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    )
    expect(window!.loaded[0]).toMatch(/renderer[/\\]index\.html$/)
    expect([...electron.ipcHandlers.keys()]).toEqual(['fieldstation:invoke'])
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.module.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'fieldstation-file' }),
    ])
    expect(electron.module.protocol.handle).toHaveBeenCalledWith(
      'fieldstation-file',
      expect.any(Function),
    )
  })
})
