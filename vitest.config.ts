import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // electron-store imports electron; inlining it lets the tests' vi.mock('electron') apply.
    server: { deps: { inline: ['electron-store'] } },
  },
})
