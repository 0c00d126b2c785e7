import type { ReactNode } from 'react'
import { SearchField } from './Filters'

/** A browser view's frame: the title, a toolbar with the search box and then `filters`, the results. */
export function BrowserPage(props: {
  title: string
  searchLabel: string
  searchPlaceholder: string
  search: { query: string; setQuery: (query: string) => void }
  filters: ReactNode
  /** The results of the search and filters. */
  children: ReactNode
}) {
  return (
    <section className="browser">
      <h1>{props.title}</h1>
      <div className="toolbar" role="search">
        <SearchField
          label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          value={props.search.query}
          onChange={props.search.setQuery}
        />
        {props.filters}
      </div>
      {props.children}
    </section>
  )
}
