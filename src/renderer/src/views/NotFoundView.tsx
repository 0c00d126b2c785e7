import { Link } from 'wouter'

/** An address inside the app that names no record, e.g. a mistyped id. */
export function NotFoundView() {
  return (
    <section>
      <h1>Not found</h1>
      <p className="empty">
        This address does not name anything in Fieldstation.{' '}
        <Link href="/assets">Go to the asset list</Link>.
      </p>
    </section>
  )
}
