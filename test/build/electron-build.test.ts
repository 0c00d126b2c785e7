import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/host/browser-host'

const out = join(import.meta.dirname, '../../out')

function readBuilt(path: string): string {
  const file = join(out, path)
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` (npm test does) first`)
  return readFileSync(file, 'utf8')
}

describe('electron-vite build output', () => {
  it('bundles the sandboxed preload as CommonJS that requires nothing but electron', () => {
    const preload = readBuilt('preload/index.cjs')
    expect(preload).not.toMatch(/^\s*import\s/m)
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(preload).toContain('exposeInMainWorld')
  })

  it('builds the main entry that the package points at, with native modules left external', () => {
    const main = readBuilt('main/index.js')
    expect(main).toMatch(/from ["']electron["']/)
    expect(main).toMatch(/from ["']better-sqlite3["']/)
  })

  it('builds the renderer page with its content security policy', () => {
    const html = readBuilt('renderer/index.html')
    // The same policy as browser mode sends, less frame-ancestors (which a meta tag cannot carry).
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ').filter(
      (d) => !d.startsWith('frame-ancestors'),
    )
    expect(meta?.split('; ')).toEqual(headerWithoutFrameAncestors)
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/)
  })
})
