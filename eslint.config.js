import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'public/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/platform/config.ts only.',
        },
      ],
    },
  },
  {
    files: [
      'src/platform/config.ts',
      'scripts/**',
      'test/**',
      'vitest.config.ts',
      'src/platform/db/test-helper.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
