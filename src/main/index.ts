// The Electron entry: a thin shell that wires Electron's adapters to the shared core.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron'
import { createCore, type Core } from './core/create-core'
import {
  createAppUrlCheck,
  installNavigationGuards,
  installPermissionHandlers,
  mainWindowOptions,
} from './electron/window'
import { handleFileScheme, registerFileScheme } from './electron/file-protocol'
import { forwardEvents, registerRpcBridge } from './electron/ipc-bridge'
import { createElectronSettingsStore, createSafeStorageSecretStore } from './electron/adapters'
import { startSandboxWhenNeeded } from './host/workspace'
import { createFileLogger } from './log/logger'
import { createNodeSecretStore } from './platform/node-secrets'
import { systemClock } from './platform/ports'

const rendererDir = join(import.meta.dirname, '../renderer')
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const isAppUrl = createAppUrlCheck(rendererDir, devServerUrl)

function composeCore(): Core {
  const dataDir = process.env.FIELDSTATION_DATA_DIR ?? app.getPath('userData')
  const fileLog = createFileLogger({ dataDir })
  return createCore({
    dataDir,
    mode: 'electron',
    log: fileLog.log,
    closeLog: fileLog.close,
    clock: systemClock,
    settings: createElectronSettingsStore(dataDir),
    secrets:
      createSafeStorageSecretStore(dataDir, safeStorage) ??
      createNodeSecretStore({ dataDir, keyDir: app.getPath('userData') }),
  })
}

function openMainWindow(core: Core): void {
  const window = new BrowserWindow(
    mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')),
  )
  installNavigationGuards(window.webContents, isAppUrl)
  forwardEvents(core.events, window.webContents)
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(join(rendererDir, 'index.html'))
}

async function start(): Promise<void> {
  await app.whenReady()
  installPermissionHandlers(session.defaultSession)
  const core = composeCore()
  registerRpcBridge(ipcMain, core.dispatcher, isAppUrl)
  handleFileScheme(protocol, core.files)
  const sandbox = await startSandboxWhenNeeded(core)
  // Uploads left queued by the last run carry on as soon as the app is up.
  if (core.db) {
    core.uploads.start()
    core.pushScheduler.start()
  }
  openMainWindow(core)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow(core)
  })
  app.on('will-quit', () => {
    void sandbox?.stop()
    core.close()
  })
}

app.enableSandbox()
registerFileScheme(protocol)
start().catch((error: unknown) => {
  // Database problems are shown inside the window; this is for everything that stops it opening.
  dialog.showErrorBox(
    'Fieldstation could not start',
    error instanceof Error ? error.message : String(error),
  )
  app.quit()
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
