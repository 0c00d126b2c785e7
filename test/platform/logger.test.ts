import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it, vi } from 'vitest'
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
    const { log } = createFileLogger({ dataDir })
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

  it('writes out what is pending and lets go of the file when closed; later lines go nowhere', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'logs', 'fieldstation.log')
    const logger = createFileLogger({ dataDir })
    logger.log.info('first')
    await readLogWhenWritten(file, 1)
    expect(descriptorsOf(file)).toBe(1)
    logger.log.info('last')
    logger.close()
    // Work finishing after the close may still log: that goes nowhere, harmlessly.
    logger.log.warn('after the close')
    expect(await readLogWhenWritten(file, 2)).toHaveLength(2)
    for (let attempt = 0; attempt < 100 && descriptorsOf(file) > 0; attempt++) await sleep(20)
    expect(descriptorsOf(file)).toBe(0)
    expect(readFileSync(file, 'utf8')).not.toContain('after the close')
  })
})

describe('a log file that cannot be written', () => {
  it('keeps the process up, and says so on stderr', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'logs'))
    // Where the log file should be there is a device: the log stream refuses it.
    symlinkSync('/dev/full', join(dataDir, 'logs', 'fieldstation.log'))
    const said: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      said.push(String(chunk))
      return true
    })
    try {
      const logger = createFileLogger({ dataDir })
      logger.log.info('nowhere to go')
      for (let attempt = 0; attempt < 100 && said.length === 0; attempt++) await sleep(20)
      logger.close()
    } finally {
      stderr.mockRestore()
    }
    expect(said.join('')).toMatch(/log file cannot be written: .*not a file/)
  })
})

/** How many of this process's file descriptors are open on `file` (Linux's /proc). */
function descriptorsOf(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(join('/proc/self/fd', fd)) === file
    } catch {
      return false
    }
  }).length
}
