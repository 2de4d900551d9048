import tseslint from 'typescript-eslint';

/** Import patterns the boundary rules combine. */
const OURS = { group: ['@tideline/*'], message: 'Core imports nothing of ours.' };
const NETWORK_AND_PROCESSES = {
  group: ['node:child_process', 'node:net', 'node:http', 'node:https', 'node:tls', 'node:dgram'],
  message: 'Only kube/, sources/, render/ and notify/ talk to the network or start processes.',
};
const NODE_BUILTINS = { group: ['node:*'], message: 'api/ and graph/ are pure and run in the browser too.' };
const EFFECTFUL_CORE = {
  group: ['../kube/*', '../sources/*', '../render/*', '../controllers/*', '../notify/*', '../engine*'],
  message: 'api/ and graph/ are pure: no effectful module of core.',
};

/** One boundary block: these files may not import these patterns. */
function restrictImports(files, patterns, extra = {}) {
  return { files, ...extra, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '.tools/**',
      '**/next-env.d.ts',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A pattern built at run time may come from a user or a registry: V8's backtracking RegExp
    // can take exponential time on it and stall the event loop the engine, API and SSE share.
    // Such patterns go through compileGoRegexp (packages/core/src/regex: Go semantics, linear
    // time). Only regex/ and semver/ (Go's own regular expressions, translated and tested) may
    // build a RegExp from a non-literal. Tests and test fixtures build theirs from known text.
    files: ['packages/core/src/**/*.ts'],
    ignores: [
      'packages/core/src/regex/**',
      'packages/core/src/semver/**',
      'packages/core/src/**/*.test.ts',
      'packages/core/src/testing/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['NewExpression', 'CallExpression'].map((node) => ({
          selector: `${node}[callee.name='RegExp']:not([arguments.0.type='Literal']):not([arguments.0.type='TemplateLiteral'][arguments.0.expressions.length=0])`,
          message:
            'RegExp from a non-literal: compile user- or registry-supplied patterns with compileGoRegexp (packages/core/src/regex), or write a literal.',
        })),
      ],
    },
  },
  // The layer boundaries of ARCHITECTURE.md. The web app sees the server only as types, and core
  // only through its browser entry (the kind registry and the state palette: pure data).
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tideline/server',
              allowTypeImports: true,
              message: 'The web app imports only types from the server.',
            },
            {
              name: '@tideline/core',
              message: "The web app imports core only through '@tideline/core/browser'.",
            },
            { name: '@tideline/sandbox', message: 'The web app never imports the sandbox.' },
          ],
          patterns: [{ group: ['node:*'], message: 'The web app runs in the browser.' }],
        },
      ],
    },
  },
  // Core imports nothing of ours; only its tests reach the sandbox, through src/testing/sandbox.ts.
  // Only kube/, sources/, render/ and notify/ talk to the network or start processes. Its
  // browser entry and what it exports (api/, graph/) stay pure: no Node built-ins, no effects.
  // (Flat config lets the last matching block win per rule, so each block lists all it needs.)
  restrictImports(['packages/core/src/**/*.ts'], [OURS], {
    ignores: ['packages/core/src/testing/**', 'packages/core/src/**/*.test.ts'],
  }),
  restrictImports(['packages/core/src/**/*.ts'], [OURS, NETWORK_AND_PROCESSES], {
    ignores: [
      'packages/core/src/kube/**',
      'packages/core/src/sources/**',
      'packages/core/src/render/**',
      'packages/core/src/notify/**',
      'packages/core/src/testing/**',
      'packages/core/src/**/*.test.ts',
    ],
  }),
  restrictImports(
    ['packages/core/src/browser.ts', 'packages/core/src/api/**/*.ts', 'packages/core/src/graph/**/*.ts'],
    [OURS, NODE_BUILTINS, EFFECTFUL_CORE],
    { ignores: ['packages/core/src/**/*.test.ts'] },
  ),
  {
    files: ['packages/core/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tideline/sandbox',
              message: "Core's tests reach the sandbox through src/testing/sandbox.ts.",
            },
          ],
        },
      ],
    },
  },
  // The sandbox is a set of peers: it may know core's types, never its code or the apps.
  {
    files: ['packages/sandbox/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tideline/core',
              allowTypeImports: true,
              message: 'The sandbox imports only types from core.',
            },
          ],
          patterns: [
            { group: ['@tideline/server', '@tideline/web'], message: 'The sandbox never imports the apps.' },
          ],
        },
      ],
    },
  },
  // No Node built-in without its `node:` prefix, so the boundary rules above see every one.
  {
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(child_process|net|http|https|tls|dgram|fs|fs/promises|os|path|crypto|zlib|stream|url|util)$',
              message: "Import Node built-ins with the 'node:' prefix.",
            },
          ],
        },
      ],
    },
  },
);
