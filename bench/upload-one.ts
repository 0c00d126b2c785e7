// Imports one file and uploads it to a HUVR simulator, in a process of its own so that its peak
// RSS is the uploader's alone. Prints one JSON line: {restRssBytes, peakRssBytes, importSeconds,
// uploadSeconds}. Usage: tsx bench/upload-one.ts <dataDir> <file> '{baseUrl, credentials}'
import { performance } from 'node:perf_hooks'
import { importForUpload } from '../src/main/uploads/import-files'
import { listJobs } from '../src/main/uploads/jobs'
import { benchCoreWithHuvr, type HuvrEndpoint } from './bench-setup'

const [dataDir, file, endpointJson] = process.argv.slice(2)
if (!dataDir || !file || !endpointJson) throw new Error('usage: upload-one <dataDir> <file> <json>')
const endpoint = JSON.parse(endpointJson) as HuvrEndpoint

const { core, db, connectionId } = await benchCoreWithHuvr(dataDir, endpoint)
const restRssBytes = process.memoryUsage().rss

let started = performance.now()
const [imported] = await importForUpload(
  { db, files: core.files, clock: core.clock },
  [file],
  { connectionId, kind: 'huvr.project', id: '1' },
  null,
)
if (!imported?.ok) throw new Error('import failed')
const importSeconds = (performance.now() - started) / 1000

started = performance.now()
core.uploads.start()
await core.uploads.whenIdle()
const uploadSeconds = (performance.now() - started) / 1000
const job = listJobs(db)[0]
if (job?.state !== 'done') throw new Error(`the upload ended ${job?.state}: ${job?.last_error}`)
core.close()

// maxRSS is in kilobytes: the high-water mark of the whole run, import and upload.
const peakRssBytes = process.resourceUsage().maxRSS * 1024
process.stdout.write(
  `${JSON.stringify({ restRssBytes, peakRssBytes, importSeconds, uploadSeconds })}\n`,
)
