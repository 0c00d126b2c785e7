import type { Core } from '../core/create-core'
import { importForUpload, type ImportResult, type ImportTarget } from '../uploads/import-files'
import type { UploadJobRow } from '../../shared/rpc/upload-contract'
import { getJob, listJobs, toUploadJobRow, type UploadJob } from '../uploads/jobs'
import { ensureHuvrConnectionFromEnv, ensureTransamConnectionFromEnv } from './env-connections'

export interface UploadCommandOptions {
  huvrProject?: number
  transamAsset?: string
  description?: string
}

export interface UploadOutcome {
  ok: boolean
  files: {
    path: string
    ok: boolean
    state: UploadJob['state'] | null
    jobId: number | null
    remoteId: string | null
    placeholderReason: string | null
    error: string | null
  }[]
}

/** The HUVR account a project upload goes to: from HUVR_* variables, the one holding the project, or the only one. */
function huvrConnectionFor(core: Core, projectId: number): string {
  const db = core.db
  if (!db) throw new Error('upload needs an open database')
  const fromEnv = ensureHuvrConnectionFromEnv(db, core.secrets, core.clock, process.env)
  if (fromEnv) return fromEnv
  const holding = db
    .prepare('SELECT DISTINCT connection_id FROM huvr_projects WHERE remote_id = ?')
    .pluck()
    .all(projectId) as string[]
  if (holding.length === 1) return holding[0] as string
  const all = db
    .prepare("SELECT id FROM connections WHERE system = 'huvr'")
    .pluck()
    .all() as string[]
  if (all.length === 1) return all[0] as string
  throw new Error(
    all.length === 0
      ? 'No HUVR account: add one in the app, or set HUVR_URL, HUVR_CLIENT_ID and HUVR_CLIENT_SECRET.'
      : `Several HUVR accounts could hold project ${projectId}; sync first so Fieldstation knows which.`,
  )
}

/** Where the files go: exactly one of --huvr-project and --transam-asset. */
async function targetOf(core: Core, options: UploadCommandOptions): Promise<ImportTarget> {
  if ((options.huvrProject === undefined) === (options.transamAsset === undefined)) {
    throw new Error('Say where the files go: either --huvr-project ID or --transam-asset KEY.')
  }
  if (options.huvrProject !== undefined) {
    return {
      connectionId: huvrConnectionFor(core, options.huvrProject),
      kind: 'huvr.project',
      id: String(options.huvrProject),
    }
  }
  const key = options.transamAsset as string
  return { connectionId: await transamConnectionFor(core, key), kind: 'transam.asset', id: key }
}

/** The TransAM account a document upload goes to: from TRANSAM_* variables, the one holding the asset, or the only one. */
async function transamConnectionFor(core: Core, assetKey: string): Promise<string> {
  const db = core.db
  if (!db) throw new Error('upload needs an open database')
  const fromEnv = await ensureTransamConnectionFromEnv(core, process.env)
  if (fromEnv?.signInError) throw new Error(`TransAM sign-in failed: ${fromEnv.signInError}`)
  if (fromEnv) return fromEnv.id
  const holding = db
    .prepare('SELECT DISTINCT connection_id FROM transam_assets WHERE remote_id = ?')
    .pluck()
    .all(assetKey) as string[]
  if (holding.length === 1) return holding[0] as string
  const all = db
    .prepare("SELECT id FROM connections WHERE system = 'transam'")
    .pluck()
    .all() as string[]
  if (all.length === 1) return all[0] as string
  throw new Error(
    all.length === 0
      ? 'No TransAM account: add one in the app, or set TRANSAM_URL, TRANSAM_EMAIL and TRANSAM_PASSWORD.'
      : `Several TransAM accounts could hold asset ${assetKey}; sync first so Fieldstation knows which.`,
  )
}

/**
 * `fieldstation upload`: copies the files into the app's store, queues them, and runs the queue
 * until every file is uploaded or has failed. Run again with the same arguments after a crash
 * or a kill, it finds the same jobs (same content, same target) and resumes them.
 */
export async function runUploadCommand(
  core: Core,
  paths: string[],
  options: UploadCommandOptions,
  say: (line: string) => void,
): Promise<UploadOutcome> {
  const db = core.db
  if (!db) throw new Error('upload needs an open database')
  const target = await targetOf(core, options)
  const imported: ImportResult[] = await importForUpload(
    { db, files: core.files, clock: core.clock },
    paths,
    target,
    options.description ?? null,
  )
  for (const result of imported) {
    if (!result.ok) say(`skipped: ${result.error}`)
    else if (result.placeholderReason) say(`${result.path}: ${result.placeholderReason}`)
  }
  const jobIds = imported.flatMap((result) => (result.ok ? [result.jobId] : []))
  const totalBytes = jobIds.reduce((sum, id) => sum + (getJob(db, id)?.size ?? 0), 0)
  const started = Date.now()
  const progress = setInterval(() => say(describeProgress(core, jobIds, totalBytes, started)), 1000)
  try {
    core.uploads.start()
    await core.uploads.whenIdle()
  } finally {
    clearInterval(progress)
  }
  say(describeProgress(core, jobIds, totalBytes, started))
  const files = imported.map((result) => {
    if (!result.ok)
      return {
        path: result.path,
        ok: false,
        state: null,
        jobId: null,
        remoteId: null,
        placeholderReason: null,
        error: result.error,
      }
    const job = getJob(db, result.jobId)
    return {
      path: result.path,
      ok: job?.state === 'done',
      state: job?.state ?? null,
      jobId: result.jobId,
      remoteId: job?.remote_id ?? null,
      placeholderReason: result.placeholderReason,
      error: job?.last_error ?? null,
    }
  })
  return { ok: files.length > 0 && files.every((file) => file.ok), files }
}

function describeProgress(
  core: Core,
  jobIds: number[],
  totalBytes: number,
  started: number,
): string {
  const db = core.db
  if (!db) return ''
  const jobs = jobIds.map((id) => getJob(db, id)).filter((job): job is UploadJob => job !== null)
  const done = jobs.filter((job) => job.state === 'done')
  const doneBytes = done.reduce((sum, job) => sum + job.size, 0)
  const seconds = Math.max(0.001, (Date.now() - started) / 1000)
  const rate = core.uploads.bytesSent / seconds
  const left = rate > 0 ? Math.ceil((totalBytes - doneBytes) / rate) : null
  const failed = jobs.filter((job) => job.state === 'failed').length
  return `uploaded ${done.length}/${jobs.length} (${mb(doneBytes)} of ${mb(totalBytes)}, ${mb(rate)}/s${left === null ? '' : `, ~${left} s left`})${failed ? `, ${failed} failed` : ''}`
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`

/** `fieldstation queue --json`: every job with its state, as the app shows it. */
export function queueListing(core: Core): UploadJobRow[] {
  return core.db ? listJobs(core.db).map(toUploadJobRow) : []
}
