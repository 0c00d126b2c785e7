import type { ReactNode } from 'react'

/** A titled part of a record's page; the count, when given, says how many items it lists. */
export function DetailSection(props: {
  id: string
  title: string
  count?: number
  children: ReactNode
}) {
  return (
    <section className="detail-section" aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title}
        {props.count !== undefined && (
          <span className="count"> ({props.count.toLocaleString()})</span>
        )}
      </h2>
      {props.children}
    </section>
  )
}
