// Runs every bench/*.bench.ts (or those named on the command line) one after another and
// prints their figures; the JSON goes to reports/bench.json for comparing runs.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatReport, type BenchReport } from './report'

const only = process.argv.slice(2)
const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort()

const reports: BenchReport[] = []
for (const file of files) {
  const bench = (await import(join(import.meta.dirname, file))) as {
    run: () => Promise<BenchReport>
  }
  process.stderr.write(`running ${file}…\n`)
  const report = await bench.run()
  reports.push(report)
  console.log(formatReport(report))
}
mkdirSync('reports', { recursive: true })
writeFileSync('reports/bench.json', JSON.stringify(reports, null, 2))
