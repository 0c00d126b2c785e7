import { describe, expect, it } from 'vitest'
import {
  filesWantingBytes,
  REQUEST_LANE_LIMIT,
  stepsToStart,
  type RunnableJob,
  type RunningStep,
} from '../../src/main/uploads/lanes'

const huvr = (id: number, phase: RunnableJob['phase'], connection = 'a'): RunnableJob => ({
  id,
  connection_id: connection,
  target_kind: 'huvr.project',
  phase,
})
const sending = (connectionId = 'a'): RunningStep => ({
  connectionId,
  lane: 'bytes',
  creating: false,
})
const startedIds = (starts: ReturnType<typeof stepsToStart>) => starts.map(({ job }) => job.id)

describe('upload lanes', () => {
  it('fills the upload slots with sends first, then creates and confirms beside them', () => {
    const waiting = [huvr(1, 'confirm'), huvr(2, 'create'), huvr(3, 'send'), huvr(4, 'send')]
    const starts = stepsToStart(waiting, [sending()], () => 2)
    // One slot of two is free: send 3 takes it; 4 waits. The request lane takes create 2 and
    // confirm 1, in that order, though 1 was queued first.
    expect(startedIds(starts)).toEqual([3, 2, 1])
    expect(starts.map(({ step }) => step.lane)).toEqual(['bytes', 'requests', 'requests'])
  })

  it(`runs at most ${REQUEST_LANE_LIMIT} API requests at once per account`, () => {
    const waiting = [1, 2, 3, 4].map((id) => huvr(id, 'confirm'))
    expect(startedIds(stepsToStart(waiting, [], () => 3))).toEqual([1, 2])
    const oneRunning: RunningStep = { connectionId: 'a', lane: 'requests', creating: false }
    expect(startedIds(stepsToStart(waiting, [oneRunning], () => 3))).toEqual([1])
  })

  it('creates no more records ahead of the slots than there are slots', () => {
    // Three slots busy, one record created and waiting, one create under way: one more may start.
    const running: RunningStep[] = [
      sending(),
      sending(),
      sending(),
      { connectionId: 'a', lane: 'requests', creating: true },
    ]
    const waiting = [huvr(5, 'send'), huvr(6, 'create'), huvr(7, 'create')]
    expect(startedIds(stepsToStart(waiting, running, () => 3))).toEqual([6])
  })

  it('keeps accounts apart, and sends a TransAM document (created by its upload) in an upload slot', () => {
    const transam: RunnableJob = {
      id: 9,
      connection_id: 'b',
      target_kind: 'transam.asset',
      phase: 'create',
    }
    const waiting = [huvr(1, 'send'), huvr(2, 'send', 'b'), transam]
    const starts = stepsToStart(waiting, [sending('a')], () => 1)
    expect(startedIds(starts)).toEqual([2])
    expect(startedIds(stepsToStart(waiting, [sending('a')], () => 2))).toEqual([1, 2, 9])
  })

  it('counts the files still wanting their bytes sent (creates under way too), not confirms', () => {
    const waiting = [huvr(1, 'create'), huvr(2, 'send'), huvr(3, 'confirm'), huvr(4, 'send', 'b')]
    const running: RunningStep[] = [
      sending(),
      { connectionId: 'a', lane: 'requests', creating: false },
      { connectionId: 'a', lane: 'requests', creating: true },
    ]
    expect(filesWantingBytes(waiting, running)).toEqual(
      new Map([
        ['a', 4],
        ['b', 1],
      ]),
    )
  })
})
