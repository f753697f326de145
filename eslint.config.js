// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Paths (as import specifiers may spell them) that a layer must not reach. */
const layer = {
  core: ['**/core/**', '**/core'],
  renderer: ['**/renderer/**'],
  // src/shared/relay (the stream's schemas, the SSE parser) is shared code every layer may use.
  relay: ['**/relay/**', '!**/shared/relay/**'],
  simulator: ['**/simulator/**'],
  electronShell: ['**/electron/**'],
  cache: ['**/core/cache/**', '**/cache/**'],
};
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'worker_threads',
];
const nodeOnlyPackages = ['better-sqlite3', 'keytar', 'ws', 'fastify', 'pg'];

const mainLayerMessage =
  'Electron main starts the core in a utilityProcess and never imports it (nor the renderer, relay or simulators); node-side helpers live in src/node, and core/time is shared.';

/** One `no-restricted-imports` rule per layer: the import rules in docs/architecture.md. */
function restrict(groups, message, paths = []) {
  return {
    'no-restricted-imports': [
      'error',
      { paths: paths.map((name) => ({ name, message })), patterns: [{ group: groups, message }] },
    ],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        ...nodeOnlyPackages,
        'electron',
        'react',
        'react-dom',
        ...Object.values(layer).flat(),
        // From src/shared/contract, src/shared/relay is a sibling.
        '!../relay/*',
      ],
      'src/shared runs anywhere: it imports nothing of ours outside src/shared, no node:, no electron, no DOM libraries.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A React Compiler hint; this app does not use the compiler and virtualizers are built this way.
      'react-hooks/incompatible-library': 'off',
      ...restrict(
        [
          ...nodeBuiltins,
          ...nodeOnlyPackages,
          'electron',
          ...layer.core,
          ...layer.relay,
          ...layer.simulator,
          ...layer.electronShell,
        ],
        'The renderer talks to the core only through the contract client (src/shared); no node:, core, relay, simulator or electron.',
      ),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [
        ...nodeBuiltins,
        ...nodeOnlyPackages,
        ...layer.core,
        ...layer.renderer,
        ...layer.relay,
        ...layer.simulator,
      ],
      'The preload exposes the narrow bridge only: it imports electron and src/shared, never node:, core or the renderer.',
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [],
          patterns: [
            {
              group: [...layer.renderer, ...layer.relay, ...layer.simulator, ...nodeOnlyPackages],
              message: mainLayerMessage,
            },
            // Time (clocks, backoff policies) is a leaf shared so main retries like the core; it imports
            // nothing of ours. The logger is in src/node.
            { regex: '(^|/)core(/(?!time/[\\w-]+$)|$)', message: mainLayerMessage },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message:
            'Open URLs only through the gate in electron/main/external-url-gate.ts (the URL policy decides).',
        },
      ],
    },
  },
  {
    files: ['electron/main/external-url-gate.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Helpers every Node process shares (the logger): leaves that import only src/shared.
    files: ['src/node/**/*.ts'],
    rules: restrict(
      [
        'electron',
        ...layer.core,
        ...layer.renderer,
        ...layer.relay,
        ...layer.simulator,
        ...layer.electronShell,
      ],
      'src/node holds helpers the core, the relay and Electron main share: it imports only src/shared.',
    ),
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/host/demo/**'],
    rules: restrict(
      ['electron', ...layer.renderer, ...layer.relay, ...layer.simulator, ...layer.electronShell],
      'The core is plain Node: never electron, the renderer, the relay or the simulators (only core/host/demo may start simulators).',
    ),
  },
  {
    // The shell and the relay import core/time, so it stays a leaf: nothing of ours outside it.
    files: ['src/core/time/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
              message:
                'core/time is a leaf shared by the shell, the relay and the core: no I/O, no electron.',
            },
            {
              regex: '^\\.\\.(/|$)',
              message:
                'core/time is a leaf shared by the shell, the relay and the core: it imports nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/host/demo/**/*.ts'],
    rules: restrict(
      ['electron', ...layer.renderer, ...layer.electronShell],
      'The demo workspace may start simulators, never import electron or the renderer.',
    ),
  },
  {
    files: ['src/core/host/demo/**/*.ts'],
    ignores: ['src/core/host/demo/demo-servers.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer.relay, ...layer.simulator],
              allowTypeImports: true,
              message:
                'Load the relay and the simulators through demo-servers.ts (a dynamic import), so the core bundle does not carry them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/relay/**/*.ts'],
    rules: restrict(
      [
        'electron',
        ...layer.cache,
        ...layer.renderer,
        ...layer.simulator,
        ...layer.electronShell,
        '**/core/host/**',
        '**/core/sync/**',
      ],
      'The relay may use the NinjaOne and PSA clients from core, never the cache, the host, the renderer, the simulators or electron.',
    ),
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: restrict(
      ['electron', ...layer.core, ...layer.renderer, ...layer.relay, ...layer.electronShell],
      'The simulators stand in for NinjaOne and Alga PSA: they share nothing with the code they test.',
    ),
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'src/**/cli.ts', 'src/**/*-cli.ts', 'electron/start.ts'],
    rules: { 'no-console': 'off' },
  },
);
