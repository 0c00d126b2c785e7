import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { ELECTRON_FILE_SCHEME } from '../../shared/files'

const STORED_FILE_URL = new RegExp(`^${ELECTRON_FILE_SCHEME}://files/[0-9a-f]{64}$`)

function isStoredFileUrl(url: string): boolean {
  return STORED_FILE_URL.test(url)
}

/**
 * The renderer is untrusted: isolated, sandboxed, no Node. Everything it can do goes through
 * the preload's two functions.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fieldstation',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  }
}

/** True for the app's own pages: the built renderer's files, or the dev server in development. */
export function createAppUrlCheck(
  rendererDir: string,
  devServerUrl?: string,
): (url: string) => boolean {
  const rendererRoot = new URL(
    `file://${rendererDir.endsWith('/') ? rendererDir : `${rendererDir}/`}`,
  )
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null
  return (candidate) => {
    let url: URL
    try {
      url = new URL(candidate)
    } catch {
      return false
    }
    if (url.protocol === 'file:') return url.pathname.startsWith(rendererRoot.pathname)
    return devOrigin !== null && url.origin === devOrigin
  }
}

/**
 * Refuses every navigation away from the app and every new window, except a document or photo
 * from the app's own store (`fieldstation-file://files/<sha256>`), which opens in a plain
 * sandboxed window with no preload and so no bridge to the core.
 */
export function installNavigationGuards(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) =>
    isStoredFileUrl(url)
      ? {
          action: 'allow',
          overrideBrowserWindowOptions: {
            webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
          },
        }
      : { action: 'deny' },
  )
}

/** Camera, geolocation, notifications…: nothing is granted unless listed here (nothing yet). */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
