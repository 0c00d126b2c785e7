#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so it works right after `npm ci`, no build.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main/cli/main.ts')
await main(process.argv)
