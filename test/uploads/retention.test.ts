import { afterEach, describe, expect, it } from 'vitest'
import { addHuvrConnection } from '../../src/main/connections/store'
import type { Core } from '../../src/main/core/create-core'
import { importForUpload } from '../../src/main/uploads/import-files'
import { listJobs } from '../../src/main/uploads/jobs'
import { pruneUploadedCopies } from '../../src/main/uploads/retention'
import { createTestCore } from '../support/core'
import { photo } from '../support/fixtures'

const DAY = 24 * 60 * 60 * 1000
let core: Core | null = null
afterEach(() => {
  core?.close()
  core = null
})

describe('local copies of confirmed uploads', () => {
  it('go after the retention days, but not while a job or a TransAM document still needs them', async () => {
    core = createTestCore()
    const db = core.db!
    const { id: connectionId } = addHuvrConnection(db, core.secrets, core.clock, {
      name: 'HUVR',
      baseUrl: 'https://huvr.invalid',
      clientId: 'inspector@example.com',
      clientSecret: 'secret',
    })
    const sources = [
      'gps/DSCN0010.jpg',
      'orientation/landscape_1.jpg',
      'orientation/landscape_2.jpg',
    ]
    const into = (project: string, paths: string[]) =>
      importForUpload(
        { db, files: core!.files, clock: core!.clock },
        paths.map(photo),
        { connectionId, kind: 'huvr.project', id: project },
        null,
      )
    await into('1', sources)
    // The first photo also goes to a second project, where it is not uploaded yet.
    await into('2', sources.slice(0, 1))
    const jobs = listJobs(db)
    const sha = (path: string) =>
      jobs.find((job) => job.source_path === photo(path))!.content_sha256
    const now = Date.now()
    const finish = db.prepare(
      "UPDATE upload_jobs SET state = 'done', updated_at = ? WHERE target_id = '1' AND content_sha256 = ?",
    )
    finish.run(now - 40 * DAY, sha(sources[0]!))
    finish.run(now - 40 * DAY, sha(sources[1]!))
    finish.run(now - 2 * DAY, sha(sources[2]!))
    // The second photo is also a TransAM document's offline copy.
    db.prepare(
      "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('t', 'transam', 'T', 'u', 0)",
    ).run()
    db.prepare(
      "INSERT INTO transam_documents (connection_id, remote_id, asset_key, file_sha256, data, synced_at) VALUES ('t', 'A1B2C3D4E5F6', 'K', ?, '{}', 0)",
    ).run(sha(sources[1]!))

    expect(pruneUploadedCopies(db, core.files, now, 30)).toBe(0)
    for (const path of sources) expect(core.files.pathFor(sha(path))).not.toBeNull()

    // Once the second project's upload is confirmed long enough ago, its copy goes too.
    db.prepare("UPDATE upload_jobs SET state = 'done', updated_at = ? WHERE target_id = '2'").run(
      now - 31 * DAY,
    )
    expect(pruneUploadedCopies(db, core.files, now, 30)).toBe(1)
    expect(core.files.pathFor(sha(sources[0]!))).toBeNull()
    expect(core.files.pathFor(sha(sources[1]!))).not.toBeNull()
    expect(core.files.pathFor(sha(sources[2]!))).not.toBeNull()
  })
})
