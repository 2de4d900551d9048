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

/**
 * Subprocesses take argv arrays, never a shell (CVE-2021-41254: a Secret value reached a shell):
 * no `shell` option other than `false`, no `exec`/`execSync` (they always run `/bin/sh -c`), no
 * namespace or default import of child_process that would hide them, and no `sh -c` by hand.
 */
const CHILD_PROCESS = 'ImportDeclaration[source.value=/^(node:)?child_process$/]';
const NO_SHELL = [
  {
    selector:
      "Property[key.name='shell']:not([value.value=false]), Property[key.value='shell']:not([value.value=false])",
    message: 'Subprocesses get argv arrays, never a shell: `shell` may only be `false`.',
  },
  {
    selector: `${CHILD_PROCESS} > ImportSpecifier[imported.name=/^exec(Sync)?$/]`,
    message: 'exec/execSync run a command line through /bin/sh: use execFile or spawn with an argv array.',
  },
  {
    selector: `${CHILD_PROCESS} > :matches(ImportNamespaceSpecifier, ImportDefaultSpecifier)`,
    message: 'Import the child_process functions by name, so the shell rules can see every call.',
  },
  {
    selector:
      "CallExpression[callee.name=/^(spawn|spawnSync|execFile|execFileSync)$/][arguments.0.value=/(^|\\/)(ba|da|k|z)?sh$/][arguments.1.elements.0.value='-c']",
    message: 'A command line for `sh -c` is a shell: pass the program and its argv instead.',
  },
];

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
      // Every file, tests and scripts included (the block below repeats these for core's sources,
      // as flat config lets the last matching block win per rule).
      'no-restricted-syntax': ['error', ...NO_SHELL],
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
        ...NO_SHELL,
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
