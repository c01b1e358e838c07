// The developer commands (dev, screenshots, scan) use the e2e suite's n8n runner: same lint rules.
export { default } from '../test/e2e/eslint.config.mjs';
