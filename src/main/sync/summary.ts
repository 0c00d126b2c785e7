/** What one sync did to one cached kind, as `sync --json` and the Sync view report it. */
export interface KindSummary {
  fetched: number
  created: number
  updated: number
  deleted: number
  errors: string[]
}

export type PullSummary = Record<string, KindSummary>

export const emptySummary = (): KindSummary => ({
  fetched: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  errors: [],
})
