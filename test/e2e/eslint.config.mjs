// The e2e suite and the n8n runner (installs, starts and drives a local n8n; never runs inside n8n):
// linted without the rules for code that runs in n8n, since it spawns processes and throws plain
// errors. Used through ESLint's per-directory config lookup (see `npm run lint`).
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
];
