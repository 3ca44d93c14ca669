import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];

/**
 * The architecture's layer rules, enforced on every import:
 * shared imports nothing outside itself (and no node, DOM-only or UI code); the backend, host
 * and CLI never import electron; the renderer never imports electron/** or node:*.
 */
const layerRules = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './shared',
          from: './electron',
          message: 'shared/ is pure: it cannot import electron/.',
        },
        {
          target: './shared',
          from: './renderer',
          message: 'shared/ is pure: it cannot import renderer/.',
        },
        { target: './shared', from: './scripts', message: 'shared/ cannot import scripts/.' },
        {
          target: './electron',
          from: './renderer',
          message: 'The main side never imports renderer code.',
        },
        {
          target: './renderer',
          from: './electron',
          message: 'The renderer talks to the backend only through the contract.',
        },
        {
          target: './electron/backend',
          from: './electron/main',
          message: 'The backend never depends on the Electron shell.',
        },
        {
          target: './electron/backend',
          from: './electron/host',
          message: 'The backend never depends on a transport host.',
        },
        {
          target: './electron/backend',
          from: './electron/cli',
          message: 'The backend never depends on the CLI.',
        },
        {
          target: './electron/host',
          from: './electron/main',
          message: 'The host is plain Node: no Electron shell code.',
        },
        {
          target: './electron/cli',
          from: './electron/main',
          message: 'The CLI is plain Node: no Electron shell code.',
        },
        {
          target: './electron/api',
          from: './electron/main',
          message: 'The API server is plain Node: no Electron shell code.',
        },
      ],
    },
  ],
};

const noElectron = {
  name: 'electron',
  message:
    'Only electron/main and electron/preload may import electron (the backend must run in plain Node).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      'bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      ...layerRules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-default-export': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ is pure TypeScript.' }],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs in the browser too: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is a web page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.ts', '*.config.js', 'e2e/support/globalSetup.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
