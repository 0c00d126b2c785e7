import { builtinModules } from 'node:module'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Every Node built-in, bare and with the node: prefix. */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

const electronModules = ['electron', 'electron-store', 'electron/*']

/**
 * Process boundaries as lint errors, not conventions:
 * - src/renderer and src/shared run in the sandboxed renderer: no Node, no main code, no electron;
 * - the core (src/main except the Electron adapters) must run in plain Node: no electron;
 * - the simulators are an independent implementation of the servers: no main code, no electron.
 */
export const boundaryRules = {
  renderer: {
    paths: [...nodeBuiltins, ...electronModules].map((name) => ({
      name,
      message: 'The renderer is sandboxed: reach the core through the RPC client.',
    })),
    patterns: [
      {
        group: ['**/main/**', '**/preload/**', '**/sandbox/**'],
        message: 'The renderer cannot import main, preload or sandbox code.',
      },
      { group: ['electron/*'], message: 'The renderer cannot import electron.' },
    ],
  },
  shared: {
    paths: [...nodeBuiltins, ...electronModules, 'react', 'react-dom'].map((name) => ({
      name,
      message: 'src/shared runs everywhere: no Node, no DOM libraries, no electron.',
    })),
    patterns: [
      {
        group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/sandbox/**'],
        message: 'src/shared imports nothing but itself and pure packages.',
      },
    ],
  },
  core: {
    paths: electronModules.map((name) => ({
      name,
      message:
        'The core runs in plain Node too (browser mode, CLI): only src/main/electron and src/main/index.ts may import electron.',
    })),
    patterns: [{ group: ['electron/*'], message: 'The core cannot import electron.' }],
  },
  sandbox: {
    paths: electronModules.map((name) => ({ name, message: 'Simulators run in plain Node.' })),
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**'],
        message: 'Simulators are independent of the app: no main or renderer code.',
      },
    ],
  },
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'reports/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { dropped, ...rest } = x` is how a field is left out; `_` marks a deliberately unused one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', boundaryRules.renderer],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaryRules.shared] },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', boundaryRules.core] },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaryRules.sandbox] },
  },
  // A wrong assumption in a test fails the test, which is what a non-null assertion there means.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  prettier,
)
