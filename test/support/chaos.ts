import { expect } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RequestLogEntry } from '../../src/sandbox/common/request-log'
import type { Relay, RequestMatch } from './relay'

/** A small seeded generator (mulberry32): the same seed gives the same kill points on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Where a kill lands:
 * - `upload`: once the run has sent a random number (1 to `uploadRequestsPerRun`) of upload
 *   requests, plus up to 60 ms;
 * - `anywhere`: up to a second after the start, wherever the run is (import, sign-in, uploads);
 * - `answer`: the moment the server has acted on the next request `match` picks, before the
 *   answer reaches the uploader (through the relay).
 */
export type KillPlan = { at: 'upload' | 'anywhere' } | { at: 'answer'; match: RequestMatch }

export interface KillRecord {
  at: KillPlan['at']
  /** Upload requests the run had sent when the kill came. */
  uploadRequests: number
  /** Requests the server was still receiving or handling at that moment. */
  inFlight: number
  /** Whether every file was already on the server (a kill that came too late to matter). */
  finished: boolean
  /** 'SIGKILL' when the kill ended the run; otherwise the run had already exited by itself. */
  endedBy: NodeJS.Signals | number | null
}

export interface KillLoop {
  /** The simulator's request log (live). */
  log: readonly RequestLogEntry[]
  relay: Relay
  /** Starts the uploader with the same arguments each time. */
  start(): ChildProcess
  /** The requests that are part of uploading (creates, bytes, look-ups), not sign-ins. */
  isUpload(entry: RequestLogEntry): boolean
  /** Every file is on the server in full. */
  finished(): boolean
  random: () => number
  /** The most upload requests a run may send before an `upload` kill: spreads kills over the batch. */
  uploadRequestsPerRun: number
  /** Called before each run (e.g. to arm a 429 burst). */
  beforeRun?(index: number): void
}

function exitOf(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? child.exitCode)
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)))
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

/**
 * Starts the uploader once per planned kill and SIGKILLs it at that point. Each record says
 * what the run was doing when the kill came, so a test can show the kills landed mid-work.
 */
export async function killRepeatedly(loop: KillLoop, plan: KillPlan[]): Promise<KillRecord[]> {
  const records: KillRecord[] = []
  for (const [index, kill] of plan.entries()) {
    loop.beforeRun?.(index)
    const from = loop.log.at(-1)?.seq ?? 0
    const ofThisRun = () => loop.log.filter((entry) => entry.seq > from)
    const uploadRequests = () => ofThisRun().filter(loop.isUpload).length
    const snapshot = () => ({
      uploadRequests: uploadRequests(),
      inFlight: ofThisRun().filter((entry) => entry.status === null && entry.fault === undefined)
        .length,
      finished: loop.finished(),
    })
    const child = loop.start()
    const exited = exitOf(child)
    if (kill.at === 'answer') {
      let seen: Omit<KillRecord, 'at' | 'endedBy'> | null = null
      const cancel = loop.relay.withholdNext(kill.match, async () => {
        seen = snapshot()
        child.kill('SIGKILL')
        await exited
      })
      const endedBy = await exited
      cancel()
      records.push({ at: kill.at, ...(seen ?? snapshot()), endedBy })
      continue
    }
    if (kill.at === 'upload') {
      const target = 1 + Math.floor(loop.random() * loop.uploadRequestsPerRun)
      while (running(child) && uploadRequests() < target) await sleep(5)
      await sleep(loop.random() * 60)
    } else {
      await sleep(loop.random() * 1000)
    }
    const seen = snapshot()
    if (running(child)) child.kill('SIGKILL')
    records.push({ at: kill.at, ...seen, endedBy: await exited })
  }
  return records
}

/**
 * Every kill landed (no run finished by itself) while the batch was unfinished and uploads were
 * under way: upload requests sent, most with some on the wire, and the held-back answers used.
 */
export function expectKillsLandedMidWork(
  kills: KillRecord[],
  relay: Relay,
  answerKills: number,
): void {
  expect(kills.filter((kill) => kill.endedBy !== 'SIGKILL' || kill.finished)).toEqual([])
  const uploading = kills.filter((kill) => kill.at === 'upload')
  expect(uploading.filter((kill) => kill.uploadRequests === 0)).toEqual([])
  expect(uploading.filter((kill) => kill.inFlight > 0).length).toBeGreaterThanOrEqual(10)
  expect(relay.withheld).toBe(answerKills)
}
