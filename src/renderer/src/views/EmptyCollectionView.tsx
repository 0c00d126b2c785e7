/** What a section shows before anything has been synced into it. */
export function EmptyCollectionView(props: { title: string; what: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <p className="empty">
        No {props.what} in the offline cache yet. Add an account in Settings and sync to see them
        here, even with no network.
      </p>
    </section>
  )
}
