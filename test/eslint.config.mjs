// Test code (emulator, harness, benchmarks, e2e) runs on the developer's machine, never inside n8n,
// so it is linted without the n8n Cloud restrictions that apply to nodes/ and credentials/.
// Used through ESLint's per-directory config lookup (see `npm run lint`).
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		files: ['**/*.ts'],
		rules: {
			'no-console': 'off',
			// Payloads from Vonage and the emulator are loosely typed JSON by nature.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
			],
		},
	},
];
