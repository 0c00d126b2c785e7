import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'

/** Writes a file so that a crash leaves either the old or the new content, never a mix. */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  const temporary = `${file}.${process.pid}.tmp`
  const fd = openSync(temporary, 'w', mode)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, file)
}
