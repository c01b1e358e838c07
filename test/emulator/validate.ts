import { problem, type Problem } from './problems';

/** The seed page's rules for an SMS send, plus the shared README's (number formats, lengths). */
export function validateSms(body: unknown): { status: number; problem: Problem } | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { status: 400, problem: problem(1010, 'Missing params', 'The request body must be a JSON object.') };
	}
	const b = body as Record<string, any>;
	const missing = [
		['to.type', b.to?.type],
		['to.number', b.to?.number],
		['from.type', b.from?.type],
		['from.number', b.from?.number],
		['message.content.type', b.message?.content?.type],
		['message.content.text', b.message?.content?.text],
	]
		.filter(([, value]) => value === undefined || value === null)
		.map(([name]) => ({ name: name as string, reason: 'is required' }));
	if (missing.length > 0) {
		return {
			status: 400,
			problem: problem(1010, 'Missing params', 'Your request is incomplete and missing some mandatory parameters.', {
				invalid_parameters: missing,
			}),
		};
	}
	const invalid: Array<{ name: string; reason: string }> = [];
	const check = (ok: boolean, name: string, reason: string) => ok || invalid.push({ name, reason });
	check(b.to.type === 'sms', 'to.type', 'must be sms');
	check(b.from.type === 'sms', 'from.type', 'must be sms');
	check(typeof b.to.number === 'string' && /^\d{7,15}$/.test(b.to.number), 'to.number', 'must be 7 to 15 digits (E.164 without + or 00)');
	check(
		typeof b.from.number === 'string' &&
			(/^\d{7,15}$/.test(b.from.number) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(b.from.number)),
		'from.number',
		'must be 7 to 15 digits or an alphanumeric sender ID of up to 11 characters',
	);
	check(b.message.content.type === 'text', 'message.content.type', 'must be text');
	const text = b.message.content.text;
	check(typeof text === 'string' && text.length > 0 && Array.from(text).length <= 1000, 'message.content.text', 'must be 1 to 1000 characters');
	if (b.client_ref !== undefined) {
		check(typeof b.client_ref === 'string' && b.client_ref.length <= 40, 'client_ref', 'must be a string of at most 40 characters');
	}
	if (invalid.length === 0) return undefined;
	return {
		status: 422,
		problem: problem(1020, 'Invalid params', 'The value of one or more parameters is invalid.', { invalid_parameters: invalid }),
	};
}
