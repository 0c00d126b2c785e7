import { z } from 'zod'
import type { FieldstationBridge } from '../../../shared/rpc/bridge'
import type { RpcClient } from '../../../shared/rpc/client'
import { rpcResultSchema } from '../../../shared/rpc/result'
import { importResultSchema, type UploadTarget } from '../../../shared/rpc/upload-contract'

/** A file the inspector picked or dropped, named as it sat in what was chosen ("site-3/IMG_01.jpg"). */
export interface PickedFile {
  file: File
  name: string
}

/** What became of one file: queued (maybe already before), or refused with the reason. */
export type ImportOutcome =
  | {
      name: string
      ok: true
      jobId: number
      alreadyQueued: boolean
      placeholderReason: string | null
    }
  | { name: string; ok: false; error: string }

export interface ImportProgress {
  /** Files answered so far, and how many were sent (a dropped folder in the app counts as one). */
  done: number
  total: number
}

/**
 * The Electron preload can name a dropped file's place on disk (`webUtils.getPathForFile`). The
 * bridge in src/shared does not declare it yet, so it is looked for rather than assumed.
 */

const importEnvelopeSchema = rpcResultSchema(z.array(importResultSchema))

/** Files the server would skip in a folder anyway (.DS_Store, ._IMG_0001.JPG…). */
export function isHidden(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.'))
}

/** The files of an `<input type="file">`, folders' files named with their folder. */
export function pickedFromInput(files: FileList | null): PickedFile[] {
  return Array.from(files ?? [])
    .map((file) => ({ file, name: file.webkitRelativePath || file.name }))
    .filter((picked) => !isHidden(picked.name))
}

/**
 * The files of a drop. Must be called inside the drop handler: the browser empties the
 * DataTransfer once the handler returns, so the entries are taken at once and walked afterwards.
 * In the app a dropped folder stays one item (the core walks it); in a browser every file in it
 * is read here, since its bytes have to be sent.
 */
export function pickedFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  if (window.fieldstation) {
    return Promise.resolve(Array.from(data.files).map((file) => ({ file, name: file.name })))
  }
  const roots: (FileSystemEntry | File)[] = []
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue
    const entry = item.webkitGetAsEntry()
    const file = entry ? null : item.getAsFile()
    if (entry) roots.push(entry)
    else if (file) roots.push(file)
  }
  return Promise.all(
    roots.map((root) =>
      root instanceof File ? Promise.resolve([{ file: root, name: root.name }]) : walk(root, ''),
    ),
  ).then((lists) => lists.flat().filter((picked) => !isHidden(picked.name)))
}

async function walk(entry: FileSystemEntry, parent: string): Promise<PickedFile[]> {
  const name = parent === '' ? entry.name : `${parent}/${entry.name}`
  if (entry.name.startsWith('.')) return []
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    )
    return [{ file, name }]
  }
  if (!entry.isDirectory) return []
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const children: FileSystemEntry[] = []
  // readEntries answers in batches (100 in Chromium) until it answers with none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) break
    children.push(...batch)
  }
  children.sort((a, b) => a.name.localeCompare(b.name))
  const nested: PickedFile[][] = []
  for (const child of children) nested.push(await walk(child, name))
  return nested.flat()
}

/** Files sent to the browser-mode host at once: enough to keep it busy, few enough to stay fair. */
const PARALLEL_POSTS = 3
/** Paths per importPaths call in the app, so progress shows on a big card. */
const PATHS_PER_CALL = 200

/**
 * Copies the files into the app's store and queues them for the target. The app hands the core
 * the files' paths; a browser sends each file's bytes to `/import`. Each file answers for
 * itself: one unreadable file does not stop the rest.
 */
export async function importPicked(
  rpc: RpcClient,
  picked: readonly PickedFile[],
  target: UploadTarget,
  options: {
    description?: string
    onOutcomes?: (outcomes: ImportOutcome[], progress: ImportProgress) => void
  } = {},
): Promise<ImportOutcome[]> {
  const description = options.description?.trim() || undefined
  const report = options.onOutcomes ?? (() => undefined)
  return window.fieldstation
    ? importByPath(rpc, window.fieldstation, picked, target, description, report)
    : importByUpload(picked, target, description, report)
}

async function importByPath(
  rpc: RpcClient,
  bridge: FieldstationBridge,
  picked: readonly PickedFile[],
  target: UploadTarget,
  description: string | undefined,
  report: (outcomes: ImportOutcome[], progress: ImportProgress) => void,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = []
  const located: { path: string; name: string }[] = []
  for (const { file, name } of picked) {
    const path = pathOf(bridge, file)
    if (path === null) {
      outcomes.push({
        name,
        ok: false,
        error:
          'Fieldstation cannot see where this file is on disk, so it cannot copy it. Update the app, or upload it from Fieldstation in a browser (fieldstation start --browser).',
      })
    } else located.push({ path, name })
  }
  const total = picked.length
  let done = outcomes.length
  if (outcomes.length > 0) report([...outcomes], { done, total })
  for (let start = 0; start < located.length; start += PATHS_PER_CALL) {
    const chunk = located.slice(start, start + PATHS_PER_CALL)
    const result = await rpc.call('uploads.importPaths', {
      paths: chunk.map((item) => item.path),
      target,
      ...(description ? { description } : {}),
    })
    const answered: ImportOutcome[] = result.ok
      ? result.value.map((item) => toOutcome(nameWithin(item.path, chunk), item))
      : chunk.map(({ name }) => ({ name, ok: false, error: result.error.message }))
    outcomes.push(...answered)
    done += chunk.length
    report([...outcomes], { done, total })
  }
  return outcomes
}

function pathOf(bridge: FieldstationBridge, file: File): string | null {
  try {
    return bridge.pathForFile(file) || null
  } catch {
    return null
  }
}

/** A file the core found in a dropped folder, named from that folder: "DCIM/100CANON/IMG_01.JPG". */
function nameWithin(path: string, sent: readonly { path: string; name: string }[]): string {
  for (const item of sent) {
    if (path === item.path) return item.name
    for (const separator of ['/', '\\']) {
      const prefix = item.path.endsWith(separator) ? item.path : `${item.path}${separator}`
      if (path.startsWith(prefix))
        return `${item.name}/${path.slice(prefix.length).replaceAll('\\', '/')}`
    }
  }
  return path.split(/[/\\]/).at(-1) ?? path
}

async function importByUpload(
  picked: readonly PickedFile[],
  target: UploadTarget,
  description: string | undefined,
  report: (outcomes: ImportOutcome[], progress: ImportProgress) => void,
): Promise<ImportOutcome[]> {
  const outcomes: (ImportOutcome | undefined)[] = new Array<ImportOutcome | undefined>(
    picked.length,
  )
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < picked.length) {
      const index = next
      next += 1
      const item = picked[index]
      if (!item) continue
      outcomes[index] = await postFile(item, target, description)
      done += 1
      report(
        outcomes.filter((outcome) => outcome !== undefined),
        { done, total: picked.length },
      )
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_POSTS, picked.length) }, worker))
  return outcomes.filter((outcome) => outcome !== undefined)
}

/** One file's bytes to the host's `/import`, which stages, inspects and queues it. */
async function postFile(
  { file, name }: PickedFile,
  target: UploadTarget,
  description: string | undefined,
): Promise<ImportOutcome> {
  const query = new URLSearchParams({
    filename: file.name,
    kind: target.kind,
    connectionId: target.connectionId,
    id: target.id,
    ...(description ? { description } : {}),
  })
  let response: Response
  try {
    response = await fetch(`/import?${query.toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      body: file,
    })
  } catch {
    return {
      name,
      ok: false,
      error: 'The Fieldstation host is not reachable. Is it still running?',
    }
  }
  const parsed = importEnvelopeSchema.safeParse(await response.json().catch(() => null))
  if (!parsed.success) {
    return {
      name,
      ok: false,
      error: `Unexpected answer from the host (HTTP ${response.status}).`,
    }
  }
  if (!parsed.data.ok) return { name, ok: false, error: parsed.data.error.message }
  const result = parsed.data.value[0]
  if (!result) return { name, ok: false, error: 'The host did not say what became of the file.' }
  return toOutcome(name, result)
}

function toOutcome(name: string, result: z.infer<typeof importResultSchema>): ImportOutcome {
  return result.ok
    ? {
        name,
        ok: true,
        jobId: result.jobId,
        alreadyQueued: result.alreadyQueued,
        placeholderReason: result.placeholderReason,
      }
    : { name, ok: false, error: result.error }
}
