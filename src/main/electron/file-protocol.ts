import type { Protocol } from 'electron'
import { ELECTRON_FILE_SCHEME as FILE_SCHEME } from '../../shared/files'
import type { FileStore } from '../files/file-store'
import { storedFileResponse } from '../files/stored-file-response'

/** Call before the app is ready: lets the renderer load images from the scheme under its CSP. */
export function registerFileScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: FILE_SCHEME, privileges: { standard: true, secure: true } },
  ])
}

/** Serves `fieldstation-file://files/<sha256>` from the app's store, and nothing else. */
export function handleFileScheme(protocol: Protocol, files: FileStore): void {
  protocol.handle(FILE_SCHEME, (request) => {
    const url = new URL(request.url)
    const file =
      url.host === 'files'
        ? storedFileResponse(files, url.pathname.replace(/^\//, ''))
        : ({ status: 404 } as const)
    if (file.status === 404) return new Response('Not in the app’s store', { status: 404 })
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType },
    })
  })
}
