import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

/** The boundary errors ESLint reports for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('lint boundary rules', () => {
  it.each([
    [
      'src/renderer/src/views/Leaky.tsx',
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
    ],
    [
      'src/renderer/src/views/Leaky.tsx',
      "import { readFileSync } from 'fs'\nexport const x = readFileSync",
    ],
    [
      'src/renderer/src/views/Leaky.tsx',
      "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer",
    ],
    [
      'src/renderer/src/views/Leaky.tsx',
      "import { openDatabase } from '../../../main/db/database'\nexport const x = openDatabase",
    ],
    ['src/shared/leaky.ts', "import { join } from 'node:path'\nexport const x = join"],
    [
      'src/shared/leaky.ts',
      "import { createCore } from '../main/core/create-core'\nexport const x = createCore",
    ],
    ['src/main/core/leaky.ts', "import { app } from 'electron'\nexport const x = app"],
    ['src/main/db/leaky.ts', "import Store from 'electron-store'\nexport const x = Store"],
    [
      'src/sandbox/leaky.ts',
      "import { createCore } from '../main/core/create-core'\nexport const x = createCore",
    ],
  ])('refuses the forbidden import in %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toHaveLength(1)
  })

  it.each([
    ['src/main/electron/leaky.ts', "import { app } from 'electron'\nexport const x = app"],
    ['src/main/index.ts', "import { app } from 'electron'\nexport const x = app"],
    ['src/main/db/fine.ts', "import { join } from 'node:path'\nexport const x = join"],
    ['src/renderer/src/fine.ts', "import { z } from 'zod'\nexport const x = z"],
    [
      'src/renderer/src/fine.ts',
      "import { METHOD_NAMES } from '../../shared/rpc/names'\nexport const x = METHOD_NAMES",
    ],
  ])('allows the import in %s: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([])
  })
})
