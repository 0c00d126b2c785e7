// Prints the one closing line CI reads, `N passed, N failed, N skipped`, summing vitest and
// Playwright. A runner that left no report, or failed without a failing test (a suite that did
// not load), counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const readReport = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

let passed = 0
let failed = 0
let skipped = 0

const vitest = readReport('reports/vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests || (vitest.success ? 0 : 1)
  skipped += vitest.numPendingTests + vitest.numTodoTests
} else {
  console.error('No vitest report: the unit and integration tests did not run.')
  failed += 1
}

const playwright = readReport('reports/playwright.json')
if (playwright) {
  passed += playwright.stats.expected
  failed += playwright.stats.unexpected + playwright.stats.flaky + (playwright.errors?.length ?? 0)
  skipped += playwright.stats.skipped
} else {
  console.error('No Playwright report: the end-to-end tests did not run.')
  failed += 1
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed === 0 ? 0 : 1
