import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { createFileLogger } from '../../src/main/log/logger'
import { tempDir } from '../support/temp'

async function readLogWhenWritten(file: string, lines: number): Promise<string[]> {
  // The rotating stream writes asynchronously; wait for the lines rather than for a fixed time.
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const content = readFileSync(file, 'utf8').trim().split('\n')
      if (content.length >= lines) return content
    } catch {
      // not created yet
    }
    await sleep(20)
  }
  throw new Error(`log ${file} never reached ${lines} lines`)
}

describe('file logger', () => {
  it('writes JSON lines to <dataDir>/logs with secrets redacted', async () => {
    const dataDir = tempDir()
    const log = createFileLogger({ dataDir })
    log.info(
      {
        connection: { client_secret: 's3cret', name: 'Plant A' },
        password: 'pw',
        headers: { authorization: 'Token abc' },
      },
      'signed in',
    )
    const [line] = await readLogWhenWritten(join(dataDir, 'logs', 'fieldstation.log'), 1)
    expect(line).not.toContain('s3cret')
    expect(line).not.toContain('Token abc')
    expect(line).not.toContain('"pw"')
    const entry = JSON.parse(line!) as Record<string, unknown>
    expect(entry).toMatchObject({
      msg: 'signed in',
      connection: { name: 'Plant A', client_secret: '[redacted]' },
    })
  })
})
