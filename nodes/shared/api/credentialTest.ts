import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { isApplication } from './applicationShape';
import { authorizationHeader, basicAuthorization } from './auth';
import { readCredentials, type VonageCredentials } from './credentials';
import { applicationsBaseUrl, isVonageHost } from './baseUrl';
import { CredentialProblem, credentialProblems } from './credentialProblems';

interface Answer {
	statusCode: number;
	body: unknown;
	location?: string;
}

/** The whole test, every request and every byte of their answers, ends within this. */
export const TEST_DEADLINE_MS = 15_000;

/**
 * Settles with `work`, or with `late()` once `signal` aborts, whichever comes first. n8n's request
 * helper for credential tests takes no AbortSignal and its `timeout` is an idle timeout (a server
 * trickling a byte at a time never trips it), so the deadline is kept here: the answer comes at the
 * deadline, and the abandoned request is left to n8n's idle timeout.
 */
async function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal, late: () => T): Promise<T> {
	let onAbort: () => void = () => undefined;
	const deadline = new Promise<T>((resolve) => {
		onAbort = () => resolve(late());
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, deadline]);
	} finally {
		signal.removeEventListener('abort', onAbort);
		work.catch(() => undefined);
	}
}

/**
 * One request through n8n's request helper (the only one a credential test gets): never along a
 * redirect, every status returned as it is, no later than the test's deadline.
 */
async function probe(
	ctx: ICredentialTestFunctions,
	method: 'GET' | 'POST',
	url: string,
	authorization: string,
	signal: AbortSignal,
	body?: IDataObject,
): Promise<Answer | { failure: string }> {
	const late = () => ({
		failure: `No complete answer from ${new URL(url).host} within ${TEST_DEADLINE_MS / 1000} s`,
	});
	return await beforeDeadline(request(ctx, method, url, authorization, body), signal, late);
}

async function request(
	ctx: ICredentialTestFunctions,
	method: 'GET' | 'POST',
	url: string,
	authorization: string,
	body?: IDataObject,
): Promise<Answer | { failure: string }> {
	try {
		const response = (await ctx.helpers.request({
			method,
			uri: url,
			headers: { Authorization: authorization, Accept: 'application/json' },
			...(body ? { body } : {}),
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			sendCredentialsOnCrossOriginRedirect: false,
			timeout: TEST_DEADLINE_MS,
		})) as { statusCode: number; body: unknown; headers?: Record<string, unknown> };
		const location = response.headers?.location;
		return {
			statusCode: response.statusCode,
			body: response.body,
			location: typeof location === 'string' ? location : undefined,
		};
	} catch (error) {
		const code =
			(error as { code?: unknown; cause?: { code?: unknown } }).code ??
			(error as { cause?: { code?: unknown } }).cause?.code;
		return {
			failure: `Could not reach ${new URL(url).host}${typeof code === 'string' ? ` (${code})` : ''}`,
		};
	}
}

function redirectMessage(answer: Answer, url: string): string {
	let where = 'another address';
	try {
		where = new URL(answer.location ?? '', url).host || where;
	} catch {
		// an unparseable Location still is a redirect
	}
	return `The Base URL answered ${answer.statusCode}, a redirect to ${where}. Credentials are never sent along a redirect, so nothing was checked. If you trust ${where}, use it as the Base URL.`;
}

/**
 * Whether a body is an error as Vonage writes one: RFC 7807 problem details whose `type` is a page of
 * Vonage's error documentation (developer.nexmo.com or developer.vonage.com, under /api-errors) and
 * which has a title. An nginx HTML page or another service's JSON is not.
 */
export function isVonageProblem(body: unknown): boolean {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return false;
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const { type, title } = value as { type?: unknown; title?: unknown };
	if (typeof type !== 'string' || typeof title !== 'string' || title.trim() === '') return false;
	try {
		const url = new URL(type);
		return isVonageHost(url.hostname) && url.pathname.startsWith('/api-errors');
	} catch {
		return false;
	}
}

/**
 * The verdict on the Messages API's answer to an empty message. Vonage checks credentials before it
 * reads the body: 401 means wrong credentials; 403 refused (wrong credentials, or the API not enabled
 * for the account: developer.vonage.com/api-errors); 400/422 in Vonage's own problem+json (the empty
 * message refused) means they are right. Any other 400/422 proves nothing: the server never showed it
 * read the token. 401 titles vary (shared README "Real error answers"), so the status decides there.
 */
export function messagesVerdict(
	answer: Answer,
	url: string,
	authType: VonageCredentials['authType'],
): string | undefined {
	const { statusCode } = answer;
	if (statusCode === 400 || statusCode === 422) {
		if (isVonageProblem(answer.body)) return undefined;
		return `The Base URL answered HTTP ${statusCode}, but not with an error of Vonage's Messages API, so the credentials were not checked. Check the Base URL (e.g. https://api.nexmo.com).`;
	}
	const fields =
		authType === 'jwt' ? 'the Application ID and Private Key' : 'the API Key and API Secret';
	const jwtNote = authType === 'jwt' ? ' (the key must be the one of this application)' : '';
	if (statusCode === 401)
		return `Vonage rejected these credentials (HTTP 401). Check ${fields}${jwtNote}.`;
	if (statusCode === 403) {
		return `Vonage refused these credentials, or the Messages API is not enabled for this account (HTTP 403). Check ${fields}${jwtNote}, and in the Vonage Dashboard that the account may use the Messages API.`;
	}
	if (statusCode >= 300 && statusCode < 400) return redirectMessage(answer, url);
	if (statusCode === 404 || statusCode === 405)
		return `No Vonage Messages API at this Base URL (HTTP ${statusCode}). Check the Base URL.`;
	if (statusCode === 429)
		return 'Vonage throttled the test (HTTP 429), so the credentials could not be checked. Try again in a moment.';
	if (statusCode >= 200 && statusCode < 300) {
		return `The Base URL accepted an empty message (HTTP ${statusCode}), which Vonage's Messages API never does. Check the Base URL.`;
	}
	return `The credentials could not be checked: the Base URL answered HTTP ${statusCode}. Try again later, or check the Base URL.`;
}

/**
 * The verdict on GET /v2/applications/{id} with the API key and secret (what the triggers use to
 * register their URLs): 200 with the application is right, 401/403 wrong key or secret, 404 an
 * application ID this key does not own.
 */
export function applicationVerdict(
	answer: Answer,
	url: string,
	applicationId: string,
): string | undefined {
	const { statusCode } = answer;
	if (statusCode === 200 && isApplication(answer.body, applicationId)) return undefined;
	const forTriggers = 'The triggers register their webhook URLs with them';
	if (statusCode === 401) {
		return `Vonage's Applications API rejected the API Key and API Secret (HTTP 401). ${forTriggers}: check both, or leave both empty if you only send messages.`;
	}
	if (statusCode === 403) {
		return `Vonage's Applications API refused the API Key and API Secret, or is not enabled for this account (HTTP 403). ${forTriggers}: check both and the account in the Vonage Dashboard, or leave both empty if you only send messages.`;
	}
	if (statusCode === 404) {
		return `Vonage has no application with the ID "${applicationId}" for this API key (HTTP 404). Check the Application ID (Dashboard > Applications) and that the API Key is of the same account.`;
	}
	if (statusCode >= 300 && statusCode < 400) return redirectMessage(answer, url);
	if (statusCode === 200)
		return 'The Applications API answered 200 but not with an application. Check the Base URL.';
	return `The application could not be checked: the Applications API answered HTTP ${statusCode}. Try again later.`;
}

/** A credential problem as the dialog shows it: one line, what is wrong and what to do. */
const asText = (problem: CredentialProblem) => `${problem.message}. ${problem.description}`;

/**
 * The credential dialog's Test (n8n runs it through the nodes' `testedBy`): the Messages API with
 * the chosen authentication, then, when an API key, secret and application ID are all filled in,
 * the application through the Applications API, as the triggers will use it. Nothing is ever sent.
 */
export async function testVonageCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	const [problem] = credentialProblems(credentials, 'test');
	if (problem) return { status: 'Error', message: asText(problem) };

	let authorization: string;
	try {
		authorization = authorizationHeader(credentials);
	} catch (error) {
		const message = error instanceof CredentialProblem ? asText(error) : (error as Error).message;
		return { status: 'Error', message };
	}
	const signal = AbortSignal.timeout(TEST_DEADLINE_MS);
	const messagesUrl = `${credentials.baseUrl}/v0.1/messages`;
	const sent = await probe(this, 'POST', messagesUrl, authorization, signal, {});
	if ('failure' in sent)
		return { status: 'Error', message: `${sent.failure}. Check the Base URL and the network.` };
	const messages = messagesVerdict(sent, messagesUrl, credentials.authType);
	if (messages) return { status: 'Error', message: messages };

	const { apiKey, apiSecret, applicationId } = credentials;
	if (!apiKey || !apiSecret || !applicationId)
		return { status: 'OK', message: 'Connection successful!' };
	const applicationUrl = `${applicationsBaseUrl(credentials.baseUrl)}/v2/applications/${encodeURIComponent(applicationId)}`;
	const read = await probe(
		this,
		'GET',
		applicationUrl,
		basicAuthorization(apiKey, apiSecret),
		signal,
	);
	if ('failure' in read)
		return { status: 'Error', message: `${read.failure}: the application could not be checked.` };
	const application = applicationVerdict(read, applicationUrl, applicationId);
	if (application) return { status: 'Error', message: application };
	return {
		status: 'OK',
		message:
			'Connection successful! The API Key and API Secret can also register webhooks on the application.',
	};
}
