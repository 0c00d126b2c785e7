import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'

export interface Column<Row> {
  header: string
  /** A CSS grid track, e.g. `2fr` or `8rem`. */
  width: string
  cell: (row: Row) => ReactNode
}

const ROW_HEIGHT = 38
const RANGE_SETTLE_MS = 40

/** Where each list was scrolled to, so that coming back from a record lands on the same rows. */
const scrollOffsets = new Map<string, number>()

interface VirtualTableProps<Row> {
  label: string
  columns: readonly Column<Row>[]
  total: number
  rowAt: (index: number) => Row | undefined
  /** Called with the indexes on screen (plus overscan) whenever they change. */
  onRangeChange: (first: number, last: number) => void
  rowHref: (row: Row) => string
  /** Identifies the query, for remembering the scroll position. */
  memoryKey: string
  /** The rows are from the previous query while the new one loads: dim them. */
  stale?: boolean
}

/**
 * A table that renders only the rows in view, so that 100,000 rows scroll as smoothly as 100.
 * Rows whose page has not arrived yet show as placeholders. A click anywhere on a row opens it;
 * the first cell also holds a real link for the keyboard and screen readers.
 */
export function VirtualTable<Row>(props: VirtualTableProps<Row>) {
  const { total, rowAt, onRangeChange, columns, memoryKey } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const [, navigate] = useLocation()
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    initialOffset: () => scrollOffsets.get(memoryKey) ?? 0,
  })

  // A different query: go to where that query was left, or to its top.
  useEffect(() => {
    virtualizer.scrollToOffset(scrollOffsets.get(memoryKey) ?? 0)
  }, [virtualizer, memoryKey])
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0

  // Asked for once the range holds still a moment: dragging the scrollbar across 100,000 rows
  // would otherwise fetch every page it passes.
  useEffect(() => {
    if (total === 0) return
    const timer = setTimeout(() => onRangeChange(first, last), RANGE_SETTLE_MS)
    return () => clearTimeout(timer)
  }, [first, last, total, onRangeChange])

  const gridTemplate: CSSProperties = {
    gridTemplateColumns: columns.map((column) => column.width).join(' '),
  }

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={total + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row" style={gridTemplate}>
          {columns.map((column) => (
            <div role="columnheader" key={column.header} className="vtable-cell">
              {column.header}
            </div>
          ))}
        </div>
      </div>
      <div
        className={props.stale ? 'vtable-scroll stale' : 'vtable-scroll'}
        ref={scrollRef}
        onScroll={(event) => scrollOffsets.set(memoryKey, event.currentTarget.scrollTop)}
      >
        <div role="rowgroup" className="vtable-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rowAt(item.index)
            const position: CSSProperties = {
              ...gridTemplate,
              height: ROW_HEIGHT,
              transform: `translateY(${item.start}px)`,
            }
            if (row === undefined) {
              return (
                <div
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-busy="true"
                  key={item.key}
                  className="vtable-row placeholder"
                  style={position}
                >
                  {columns.map((column) => (
                    <div role="cell" key={column.header} className="vtable-cell">
                      <span className="skeleton" aria-hidden="true" />
                    </div>
                  ))}
                </div>
              )
            }
            const href = props.rowHref(row)
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={item.key}
                className="vtable-row"
                style={position}
                onClick={(event) => {
                  // The link in the first cell navigates by itself; don't do it twice.
                  if (event.target instanceof Element && event.target.closest('a')) return
                  navigate(href)
                }}
              >
                {columns.map((column, index) => (
                  <div role="cell" key={column.header} className="vtable-cell">
                    {index === 0 ? <Link href={href}>{column.cell(row)}</Link> : column.cell(row)}
                  </div>
                ))}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
