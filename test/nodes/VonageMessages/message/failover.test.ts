// The failover checker on its own: the API version it needs, and what it does with a step's To.
import { checkFailover } from '../../../../nodes/VonageMessages/message/failover';
import type { Message } from '../../../../nodes/shared/vocabulary/messageModel';

const main: Message = {
	channel: 'whatsapp',
	from: '447700900001',
	to: '447700900000',
	content: { type: 'text', text: 'x' },
};
const step = { channel: 'sms', from: 'Shop', messageType: 'text', text: 'y' };

it('needs API v1 (an expression may set the version the editor hides the option for)', () => {
	expect(() => checkFailover({ steps: [step] }, main, 'v0.1')).toThrow(
		'is a Messages API v1 feature and API Version is v0.1',
	);
});

it.each([
	['no option', undefined, 0],
	['no steps', { steps: [] }, 0],
	['one step', { steps: [step] }, 1],
])('reads %s', (_label, option, count) => {
	expect(checkFailover(option, main, 'v1')).toHaveLength(count);
});

it('refuses a Failover value that is not a list of steps', () => {
	expect(() => checkFailover('sms', main, 'v1')).toThrow('is not a list of steps');
	expect(() => checkFailover({ steps: 'sms' }, main, 'v1')).toThrow('is not a list of steps');
});

it("sends a step without its own To to the message's recipient", () => {
	const [checked] = checkFailover({ steps: [{ ...step, to: ' ' }] }, main, 'v1');
	expect(checked).toMatchObject({ channel: 'sms', to: '447700900000', from: 'Shop' });
});
