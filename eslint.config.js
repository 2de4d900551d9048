import tseslint from 'typescript-eslint';

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
);
