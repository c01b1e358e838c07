/**
 * The credential's Base URL: what makes it usable, and which host the Applications API lives on.
 * One place for the rule, used by the credential test, the send path and trigger registration.
 */

export const DEFAULT_BASE_URL = 'https://api.nexmo.com';

/** Shared README "Applications API details": only api.nexmo.com is documented to serve it. */
export const VONAGE_APPLICATIONS_URL = 'https://api.nexmo.com';

/** Vonage's own domains: api.nexmo.com and the regional api-eu/api-us/api-ap.vonage.com live under them. */
const VONAGE_DOMAINS = ['nexmo.com', 'vonage.com'];

const BASE_URL_HELP =
	'Use https://api.nexmo.com, a regional host such as https://api-eu.vonage.com, or http://127.0.0.1:3999 for the local emulator.';

/** A credential field that cannot be used as it is: what is wrong, and what to do. Carries no secret. */
export class CredentialProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'CredentialProblem';
	}
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may carry credentials to. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
	if (host === 'localhost' || host === '::1') return true;
	const octets = host.split('.');
	return (
		octets.length === 4 &&
		octets[0] === '127' &&
		octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
	);
}

export function isVonageHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return VONAGE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function parse(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

/**
 * What is wrong with a URL that credentials would be sent to, or undefined when it is usable:
 * http or https, a host, no user name or password, no query or fragment, and plain http only to a loopback host.
 */
export function urlProblem(raw: string, field = 'Base URL'): CredentialProblem | undefined {
	const url = parse(raw);
	const fix = `Correct the ${field} in the Vonage Messages API credential. ${BASE_URL_HELP}`;
	if (!url || url.hostname === '')
		return new CredentialProblem(`The ${field} "${raw}" is not a URL with a host`, fix);
	if (url.username !== '' || url.password !== '') {
		return new CredentialProblem(`The ${field} must not contain a user name or password`, fix);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return new CredentialProblem(
			`The ${field} "${raw}" must start with https:// (not ${url.protocol}//)`,
			fix,
		);
	}
	if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
		return new CredentialProblem(
			`The ${field} "${raw}" must not have a query (?...) or fragment (#...)`,
			fix,
		);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return new CredentialProblem(
			`The ${field} "${raw}" uses plain http://, so your API secret or signed token would be sent unencrypted`,
			`Use https://. Plain http:// is allowed only for a loopback host (127.0.0.1, ::1, localhost) such as the local emulator. ${BASE_URL_HELP}`,
		);
	}
	return undefined;
}

/**
 * Where the Applications API is for this Base URL: https://api.nexmo.com for any Vonage host (the
 * regional Messages hosts do not serve it), the Base URL itself for any other host (the emulator).
 */
export function applicationsBaseUrl(baseUrl: string): string {
	const url = parse(baseUrl);
	return url && isVonageHost(url.hostname) ? VONAGE_APPLICATIONS_URL : baseUrl;
}
