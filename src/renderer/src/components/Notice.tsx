import type { ReactNode } from 'react'
import type { RpcErrorBody } from '../../../shared/rpc/result'

/** An error the user should see at once: announced by screen readers, with an optional way out. */
export function ErrorNotice(props: { title?: string; message: string; action?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      {props.title && <strong>{props.title}</strong>}
      <span>{props.message}</span>
      {props.action}
    </div>
  )
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  )
}

/**
 * The page shown instead of a record that could not be read. "Not found" gets its own wording
 * because it usually means the record was never synced, not that something broke.
 */
export function RecordReadError(props: {
  /** The record's kind in the sentences, e.g. "asset". */
  what: string
  heading: string
  breadcrumb: ReactNode
  error: RpcErrorBody
}) {
  return (
    <section>
      {props.breadcrumb}
      <h1>{props.heading}</h1>
      <ErrorNotice
        title={
          props.error.code === 'not-found'
            ? `This ${props.what} is not in the offline cache.`
            : `The ${props.what} could not be read.`
        }
        message={props.error.message}
      />
    </section>
  )
}
