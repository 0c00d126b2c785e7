import { useId } from 'react'

/** The search box of a browser view. Escape clears it, as in most search fields. */
export function SearchField(props: {
  label: string
  value: string
  placeholder: string
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <div className="field search-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="search"
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onChange('')
        }}
      />
    </div>
  )
}

export interface Choice {
  value: string
  label: string
}

/** A labelled drop-down whose first choice means "no filter". */
export function SelectFilter(props: {
  label: string
  value: string
  choices: readonly Choice[]
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * A remembered filter value, or "no filter" once the list of values is known and lacks it (a
 * removed account, a type no longer in the cache), since it would otherwise hide every row.
 */
export function stillOffered(value: string, offered: readonly string[] | null): string {
  return offered === null || offered.includes(value) ? value : ''
}

/**
 * A drop-down's choices: "no filter" first, then each value once the list is loaded (`null`
 * while it is not, so the filter shows only "no filter" until then).
 */
export function filterChoices(
  noFilterLabel: string,
  values: readonly string[] | null,
  labelOf: (value: string) => string = (value) => value,
): Choice[] {
  return [
    { value: '', label: noFilterLabel },
    ...(values ?? []).map((value) => ({ value, label: labelOf(value) })),
  ]
}
