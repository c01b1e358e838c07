// prepublishOnly: the package is published only by the release workflow
// (.github/workflows/release.yml), from GitHub Actions with npm provenance, which n8n requires of
// community packages. A local `npm publish` stops here, before anything is built or sent.
// (package.json's publishConfig.provenance also makes npm itself refuse to publish where it cannot
// attest the build; this guard says why, in words, and also catches `--provenance=false`.)
const problems = [];
if (process.env.npm_config_provenance !== 'true')
	problems.push('npm publish was not run with --provenance');
if (process.env.GITHUB_ACTIONS !== 'true') problems.push('this is not GitHub Actions');
else if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL)
	problems.push('the job lacks `permissions: id-token: write`');

if (problems.length > 0) {
	console.error(
		[
			`Refusing to publish: ${problems.join('; ')}.`,
			'Releases are published by the "Release" GitHub Actions workflow with npm provenance',
			'(see docs/development.md, "Releasing"): push a tag v<version> matching package.json.',
		].join('\n'),
	);
	process.exit(1);
}
console.log('release guard: publishing from GitHub Actions with provenance');
