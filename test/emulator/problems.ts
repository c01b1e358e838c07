import { randomUUID } from 'node:crypto';

/**
 * RFC 7807 problem details, shaped like the `Error` schema of messages-v0.1.yml (type, title, detail,
 * instance) and the error responses of application-v2.yml.
 */
export interface Problem {
	type: string;
	title: string;
	detail: string;
	instance: string;
	invalid_parameters?: InvalidParameter[];
}

export interface InvalidParameter {
	name: string;
	reason: string;
}

const MESSAGES_ERRORS = 'https://developer.nexmo.com/api-errors/messages-olympus';
const GENERIC_ERRORS = 'https://developer.nexmo.com/api-errors';

/** A Messages API problem: the type URL ends in the Vonage error code (1000 Throttled, 1010, 1020...). */
export function messagesProblem(
	code: number,
	title: string,
	detail: string,
	extra: Partial<Problem> = {},
): Problem {
	return { type: `${MESSAGES_ERRORS}#${code}`, title, detail, instance: randomUUID(), ...extra };
}

/** A problem of the generic kind (`#unauthorized`, `#not-found`) or of one API (`application#payload-validation`). */
export function genericProblem(
	anchor: string,
	title: string,
	detail: string,
	extra: Partial<Problem> = {},
): Problem {
	return {
		type: `${GENERIC_ERRORS}${anchor.startsWith('#') ? '' : '/'}${anchor}`,
		title,
		detail,
		instance: randomUUID(),
		...extra,
	};
}

/**
 * The 401 titles Vonage's Messages API has been recorded answering (shared README "Real error answers",
 * from the test fixtures of Vonage's SDKs): "You did not provide correct credentials." for wrong
 * credentials, "Unauthorised" for a missing Authorization header. The live text may differ.
 */
export const MESSAGES_401_TITLES = [
	'You did not provide correct credentials.',
	'Unauthorised',
] as const;
export type Messages401Title = (typeof MESSAGES_401_TITLES)[number];

/** The Applications API's recorded 401 title (shared README "Real error answers"). */
export const APPLICATIONS_401_TITLE = 'Invalid credentials supplied';

/** Why a request did not authenticate: no usable Authorization header, or credentials that do not match. */
export type AuthFailure = 'missing' | 'wrong';

/**
 * A Messages API 401: the recorded title for the failure (missing header: "Unauthorised"; wrong
 * credentials: "You did not provide correct credentials."), or `title` when a setting fixes one.
 */
export const unauthorized = (failure: AuthFailure, detail: string, title?: Messages401Title) =>
	genericProblem(
		'#unauthorized',
		title ?? (failure === 'missing' ? 'Unauthorised' : 'You did not provide correct credentials.'),
		detail,
	);

/** An Applications API 401, with its own recorded title. */
export const applicationsUnauthorized = (detail: string) =>
	genericProblem('#unauthorized', APPLICATIONS_401_TITLE, detail);

/**
 * 429 as recorded from Vonage (shared README "Real error answers"): `title: "Rate Limit Hit"`, `type`
 * ending `#1010`. Whether Retry-After comes with it is not confirmed (the `throttleRetryAfter` setting).
 */
export const throttled = () =>
	messagesProblem(
		1010,
		'Rate Limit Hit',
		'You have exceeded the submission capacity allowed on this account. Please wait and retry.',
	);

export const missingParams = (detail: string, invalid?: InvalidParameter[]) =>
	messagesProblem(1010, 'Missing params', detail, invalid ? { invalid_parameters: invalid } : {});

export const invalidParams = (invalid: InvalidParameter[]) =>
	messagesProblem(1020, 'Invalid params', 'The value of one or more parameters is invalid.', {
		invalid_parameters: invalid,
	});

/**
 * How a real v1 `POST /v1/messages` refuses bad parameters or an empty body: 422, type
 * `…/messages#1150`, title "Invalid params", with `invalid_parameters` (shared README "Synchronous
 * errors are not webhook errors": a public gateway test and the Python SDK's `invalid_error.json`;
 * the Java SDK records 422 #1110 "Invalid channel parameters", which the node reads the same way).
 */
export const V1_INVALID_TYPE = 'https://developer.vonage.com/api-errors/messages#1150';
export const v1InvalidParams = (invalid: InvalidParameter[]): Problem => ({
	type: V1_INVALID_TYPE,
	title: 'Invalid params',
	detail: 'The value of one or more parameters is invalid.',
	instance: randomUUID(),
	invalid_parameters: invalid,
});

export const internalError = () =>
	messagesProblem(
		1030,
		'Internal error',
		'There was an error processing your request in the Platform.',
	);

export const notFound = (detail: string) => genericProblem('#not-found', 'Not Found', detail);

/** 405 for a method the route does not have. */
export const wrongVerb = (method: string) =>
	genericProblem(
		'#wrong-verb',
		'Request method not allowed',
		`Request method '${method}' not supported`,
	);
