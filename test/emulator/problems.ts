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
export function messagesProblem(code: number, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
	return { type: `${MESSAGES_ERRORS}#${code}`, title, detail, instance: randomUUID(), ...extra };
}

/** A problem of the generic kind (`#unauthorized`, `#not-found`) or of one API (`application#payload-validation`). */
export function genericProblem(anchor: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
	return { type: `${GENERIC_ERRORS}${anchor.startsWith('#') ? '' : '/'}${anchor}`, title, detail, instance: randomUUID(), ...extra };
}

/** 401: the Messages API titles it "Unauthorized", the Applications API "Invalid credentials supplied". */
export const unauthorized = (detail: string, title: 'Unauthorized' | 'Invalid credentials supplied' = 'Unauthorized') =>
	genericProblem('#unauthorized', title, detail);

export const throttled = () =>
	messagesProblem(1000, 'Throttled', 'You have exceeded the submission capacity allowed on this account. Please wait and retry.');

export const missingParams = (detail: string, invalid?: InvalidParameter[]) =>
	messagesProblem(1010, 'Missing params', detail, invalid ? { invalid_parameters: invalid } : {});

export const invalidParams = (invalid: InvalidParameter[]) =>
	messagesProblem(1020, 'Invalid params', 'The value of one or more parameters is invalid.', { invalid_parameters: invalid });

export const internalError = () =>
	messagesProblem(1030, 'Internal error', 'There was an error processing your request in the Platform.');

export const notFound = (detail: string) => genericProblem('#not-found', 'Not Found', detail);
