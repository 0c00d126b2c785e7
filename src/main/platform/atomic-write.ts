import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix: a
 * temporary name, fsync, then rename. A failed write (a full disk) leaves nothing behind.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`
  try {
    const fd = openSync(temporary, 'w', mode)
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
