import { EventEmitter } from 'node:events'
import type { Session, WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  createAppUrlCheck,
  installNavigationGuards,
  installPermissionHandlers,
  mainWindowOptions,
} from '../../src/main/electron/window'

/** Just enough of WebContents to capture the guards the shell installs. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler
  }
  /** Emits like Electron does and reports whether a handler prevented the default. */
  attempt(event: string, url: string): boolean {
    const preventDefault = vi.fn()
    this.emit(event, { preventDefault }, url)
    return preventDefault.mock.calls.length > 0
  }
}

const isAppUrl = createAppUrlCheck('/opt/fieldstation/out/renderer')

describe('Electron window', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const options = mainWindowOptions('/opt/fieldstation/out/preload/index.cjs')
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/fieldstation/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    })
  })

  it('recognises only the app’s own pages', () => {
    expect(isAppUrl('file:///opt/fieldstation/out/renderer/index.html')).toBe(true)
    expect(isAppUrl('file:///opt/fieldstation/out/renderer/index.html#/settings')).toBe(true)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('file:///opt/fieldstation/out/renderer-evil/index.html')).toBe(false)
    expect(isAppUrl('https://evil.example/')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    const withDevServer = createAppUrlCheck('/opt/x', 'http://localhost:5173/')
    expect(withDevServer('http://localhost:5173/#/assets')).toBe(true)
    expect(withDevServer('http://localhost:5174/')).toBe(false)
  })

  it('refuses navigation and redirects away from the app, webviews and every new window', () => {
    const contents = new FakeWebContents()
    installNavigationGuards(contents as unknown as WebContents, isAppUrl)
    expect(contents.attempt('will-navigate', 'https://evil.example/phish')).toBe(true)
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true)
    expect(
      contents.attempt('will-navigate', 'file:///opt/fieldstation/out/renderer/index.html'),
    ).toBe(false)
    expect(contents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    })
    expect(
      contents.windowOpenHandler?.({ url: 'file:///opt/fieldstation/out/renderer/index.html' }),
    ).toEqual({
      action: 'deny',
    })
    // A stored document opens in a plain sandboxed window without the preload; nothing else does.
    expect(
      contents.windowOpenHandler?.({ url: `fieldstation-file://files/${'a'.repeat(64)}` }),
    ).toEqual({
      action: 'allow',
      overrideBrowserWindowOptions: {
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
      },
    })
    expect(
      contents.windowOpenHandler?.({ url: 'fieldstation-file://files/../../etc/passwd' }),
    ).toEqual({
      action: 'deny',
    })
  })

  it('denies every permission request and check by default', () => {
    let requestHandler:
      ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined
    let checkHandler: (() => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    }
    installPermissionHandlers(session as unknown as Session)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn()
      requestHandler?.(null, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(checkHandler?.()).toBe(false)
  })
})
