import type { Protocol } from 'electron'
import { describe, expect, it } from 'vitest'
import { handleFileScheme } from '../../src/main/electron/file-protocol'
import { createFileStore } from '../../src/main/files/file-store'
import { ELECTRON_FILE_SCHEME as FILE_SCHEME } from '../../src/shared/files'
import { tempDir } from '../support/temp'

function install() {
  let handler: ((request: Request) => Response) | undefined
  const protocol = { handle: (_scheme: string, h: typeof handler) => (handler = h) }
  const files = createFileStore(tempDir())
  handleFileScheme(protocol as unknown as Protocol, files)
  return { files, fetch: (url: string) => handler!(new Request(url)) }
}

describe('Electron file protocol', () => {
  it('serves a stored file by sha256 with its sniffed type', async () => {
    const { files, fetch } = install()
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex')
    const sha256 = files.put(jpeg)
    const response = fetch(`${FILE_SCHEME}://files/${sha256}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await response.arrayBuffer()).equals(jpeg)).toBe(true)
  })

  it('refuses any path that is not a stored sha256', () => {
    const { files, fetch } = install()
    const sha256 = files.put(Buffer.from('x'))
    for (const url of [
      `${FILE_SCHEME}://files/..%2F..%2Fetc%2Fpasswd`,
      `${FILE_SCHEME}://files/../../fieldstation.db`,
      `${FILE_SCHEME}://other/${sha256}`,
      `${FILE_SCHEME}://files/${'0'.repeat(64)}`,
    ]) {
      expect(fetch(url).status).toBe(404)
    }
  })
})
