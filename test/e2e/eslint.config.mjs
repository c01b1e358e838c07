// The e2e suite drives a real n8n from outside, like the tooling in scripts/: same lint rules.
export { default } from '../../scripts/eslint.config.mjs';
