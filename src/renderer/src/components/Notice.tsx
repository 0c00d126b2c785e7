import type { ReactNode } from 'react'

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
