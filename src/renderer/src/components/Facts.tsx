import type { ReactNode } from 'react'

/** The few fields that matter most about a record, as a label/value grid. Empty values show as a dash. */
export function Facts({ facts }: { facts: [label: string, value: ReactNode][] }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {value === null || value === undefined || value === '' ? (
              <span className="muted">—</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}
