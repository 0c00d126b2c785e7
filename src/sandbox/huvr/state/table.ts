/**
 * Records of one kind, kept in an array sorted by id plus a map for lookups. Ids only grow (like a
 * database sequence), so appending keeps the order and the default listing is a plain slice.
 */
export class Table<R extends { id: number }> {
  private readonly rows: R[] = []
  private readonly byId = new Map<number, R>()
  private highestId = 0

  constructor(private readonly onChange: () => void) {}

  get size(): number {
    return this.rows.length
  }

  /** The id the next created record gets; never reused, even after deletes. */
  allocateId(): number {
    this.highestId += 1
    return this.highestId
  }

  insert(record: R): R {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`)
    const last = this.rows[this.rows.length - 1]
    if (last === undefined || last.id < record.id) this.rows.push(record)
    else this.rows.splice(this.positionOf(record.id), 0, record)
    this.byId.set(record.id, record)
    this.highestId = Math.max(this.highestId, record.id)
    this.onChange()
    return record
  }

  get(id: number): R | undefined {
    return this.byId.get(id)
  }

  has(id: number): boolean {
    return this.byId.has(id)
  }

  remove(id: number): R | undefined {
    const record = this.byId.get(id)
    if (record === undefined) return undefined
    this.rows.splice(this.positionOf(id), 1)
    this.byId.delete(id)
    this.onChange()
    return record
  }

  /** Sorted by id. Do not mutate: go through HuvrState so indexes and caches stay right. */
  all(): readonly R[] {
    return this.rows
  }

  /** Index of the first row whose id is not below `id` (binary search). */
  private positionOf(id: number): number {
    let low = 0
    let high = this.rows.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.rows[middle] as R).id < id) low = middle + 1
      else high = middle
    }
    return low
  }
}
