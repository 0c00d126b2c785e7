import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import type { UploadJobProgress, UploadJobRow } from '../../../../shared/rpc/upload-contract'
import { groupJobs, type JobGroup } from '../../uploads/jobs'
import { UploadJobItem } from './UploadJobItem'

type Row = { kind: 'group'; group: JobGroup } | { kind: 'job'; job: UploadJobRow }

const GROUP_HEIGHT = 44
const JOB_HEIGHT = 92

/**
 * The queue, failed uploads on top: only the rows in view are rendered, so a card of 2,000
 * photos scrolls like ten. Rows differ in height (a reason, a confirmation) and are measured.
 */
export function UploadList(props: {
  jobs: readonly UploadJobRow[]
  live: ReadonlyMap<number, UploadJobProgress>
  now: number
  onChanged: () => void
}) {
  const { jobs, live, now, onChanged } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const rows = useMemo<Row[]>(
    () =>
      groupJobs(jobs).flatMap((group) => [
        { kind: 'group' as const, group },
        ...group.jobs.map((job) => ({ kind: 'job' as const, job })),
      ]),
    [jobs],
  )
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'group' ? GROUP_HEIGHT : JOB_HEIGHT),
    getItemKey: (index) => {
      const row = rows[index]
      if (!row) return index
      return row.kind === 'group' ? `group-${row.group.key}` : `job-${row.job.id}`
    },
    overscan: 8,
  })

  return (
    <div className="upload-list-scroll" ref={scrollRef}>
      <div
        className="upload-list"
        role="region"
        aria-label="Upload queue"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]
          if (!row) return null
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="upload-list-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'group' ? (
                <h2 className={`upload-group-title upload-group-${row.group.key}`}>
                  {row.group.title} <span className="count">({row.group.jobs.length})</span>
                </h2>
              ) : (
                <UploadJobItem
                  job={row.job}
                  live={live.get(row.job.id)}
                  now={now}
                  onChanged={onChanged}
                />
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}
