import { useSyncExternalStore } from 'react'
import type { RpcClient } from '../../../shared/rpc/client'
import type { UploadTarget } from '../../../shared/rpc/upload-contract'
import { importPicked, type ImportOutcome, type PickedFile } from './import'

/** One drop or pick of files onto a target, and what became of each file so far. */
export interface ImportRun {
  id: number
  /** Files sent to be added (a folder dropped in the app counts as one until it answers). */
  total: number
  answered: number
  outcomes: readonly ImportOutcome[]
  finished: boolean
}

const EMPTY: readonly ImportRun[] = []

/**
 * Imports outlive the page they were started from: leaving a project while a card is being read
 * must not lose the answers, so runs are kept per target for the lifetime of the window.
 */
const runsByTarget = new Map<string, readonly ImportRun[]>()
const listeners = new Set<() => void>()
const finishListeners = new Set<() => void>()
let nextRunId = 1

export function targetKey(target: UploadTarget): string {
  return `${target.kind}:${target.connectionId}:${target.id}`
}

function update(key: string, runId: number, change: (run: ImportRun) => ImportRun): void {
  const runs = runsByTarget.get(key) ?? EMPTY
  runsByTarget.set(
    key,
    runs.map((run) => (run.id === runId ? change(run) : run)),
  )
  for (const listener of listeners) listener()
}

/** Starts adding the files to the upload queue; progress and answers arrive through useImportRuns. */
export function startImport(
  rpc: RpcClient,
  picked: readonly PickedFile[],
  target: UploadTarget,
  description?: string,
): void {
  const key = targetKey(target)
  const run: ImportRun = {
    id: nextRunId++,
    total: picked.length,
    answered: 0,
    outcomes: [],
    finished: false,
  }
  runsByTarget.set(key, [...(runsByTarget.get(key) ?? EMPTY), run])
  for (const listener of listeners) listener()
  void importPicked(rpc, picked, target, {
    ...(description === undefined ? {} : { description }),
    onOutcomes: (outcomes, progress) =>
      update(key, run.id, (current) => ({
        ...current,
        outcomes,
        answered: progress.done,
        total: progress.total,
      })),
  })
    .then((outcomes) =>
      update(key, run.id, (current) => ({ ...current, outcomes, finished: true })),
    )
    .catch((error: unknown) =>
      update(key, run.id, (current) => ({
        ...current,
        finished: true,
        outcomes: [
          ...current.outcomes,
          {
            name: 'The remaining files',
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          },
        ],
      })),
    )
    .finally(() => {
      for (const listener of finishListeners) listener()
    })
}

/** Calls `listener` each time a drop has been added to the queue (e.g. to recount uploads). */
export function onImportFinished(listener: () => void): () => void {
  finishListeners.add(listener)
  return () => finishListeners.delete(listener)
}

/** Forgets the finished runs of a target (the inspector has read them). */
export function clearFinishedRuns(target: UploadTarget): void {
  const key = targetKey(target)
  runsByTarget.set(
    key,
    (runsByTarget.get(key) ?? EMPTY).filter((run) => !run.finished),
  )
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The import runs of a target, oldest first, re-rendering as answers arrive. */
export function useImportRuns(target: UploadTarget): readonly ImportRun[] {
  const key = targetKey(target)
  return useSyncExternalStore(subscribe, () => runsByTarget.get(key) ?? EMPTY)
}
