/** One benchmark's figures, each beside the baseline measured in the same run. */
export interface BenchReport {
  name: string
  figures: {
    label: string
    value: number
    unit: string
    baseline?: { label: string; value: number }
  }[]
}

export function formatReport(report: BenchReport): string {
  const lines = [`## ${report.name}`]
  for (const figure of report.figures) {
    const value = `${formatNumber(figure.value)} ${figure.unit}`
    if (!figure.baseline) {
      lines.push(`- ${figure.label}: ${value}`)
      continue
    }
    const ratio = figure.value / figure.baseline.value
    lines.push(
      `- ${figure.label}: ${value} (baseline ${figure.baseline.label}: ${formatNumber(figure.baseline.value)} ${figure.unit}; ratio ${ratio.toFixed(2)})`,
    )
  }
  return lines.join('\n')
}

function formatNumber(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2)
}

/** Percentile of already collected samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}
