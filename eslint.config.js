// ESLint flat config: type-aware rules for src and test, prettier decides layout.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
    { ignores: ['dist/', 'src/wire/generated/', 'node_modules/', 'helm/', 'scratch/', '.tools/'] },
    eslint.configs.recommended,
    tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: { allowDefaultProject: ['eslint.config.js'] },
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
        },
    },
    {
        // The shape of the code: small functions and files, typed module boundaries (as fabric-gateway's node/src).
        files: ['src/**/*.ts'],
        rules: {
            complexity: ['error', 12],
            'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
            'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false }],
            '@typescript-eslint/explicit-module-boundary-types': 'error',
        },
    },
    {
        files: ['test/**/*.ts', 'bench/**/*.ts'],
        rules: {
            '@typescript-eslint/no-floating-promises': [
                'error',
                {
                    allowForKnownSafeCalls: [
                        { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
                    ],
                },
            ],
            '@typescript-eslint/no-non-null-assertion': 'off',
        },
    },
    {
        // The parity suite's JavaScript fixtures: CommonJS contracts and chaincode, as their authors write them.
        files: ['test/parity/**/*.js', 'test/parity/**/*.cjs'],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: {
            sourceType: 'commonjs',
            globals: { require: 'readonly', module: 'writable', process: 'readonly', Buffer: 'readonly' },
        },
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    {
        // Written as a fabric-shim project writes it: ctx.stub is handed to fabric-shim's own classes.
        files: ['test/parity/fixtures/port/*.ts'],
        rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
    },
    prettier,
);
