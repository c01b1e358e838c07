import type { RegisterHandover } from '../../../../nodes/shared/handover/messages';
import {
	CONFIRM_GRACE_MS,
	MAX_LIVE_WAITS,
	WaitRegistry,
} from '../../../../nodes/shared/webhooks/waits';

const NOW = 1_800_000_000_000;
let n = 0;
const wait = (overrides: Partial<RegisterHandover> = {}): RegisterHandover => ({
	op: 'register',
	waitId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
	applicationId: 'app',
	channel: 'sms',
	ours: '447700900001',
	theirs: '+44 7700 900000',
	responseType: 'freeText',
	approve: [],
	decline: [],
	resumeUrl: 'http://n8n/webhook-waiting/1/node?signature=x',
	executionId: '1',
	createdAt: NOW,
	expiresAt: NOW + 60_000,
	...overrides,
});
/** The id of the wait a reply took, or what take() said instead. */
const idOf = (taken: ReturnType<WaitRegistry['take']>) =>
	typeof taken === 'object' ? taken.wait.waitId : taken;
const reply = { channel: 'sms', from: '447700900000', to: '447700900001', text: 'hi' };

it('matches only confirmed, unexpired waits of the pair, newest first, each once', () => {
	const r = new WaitRegistry();
	const a = wait();
	const b = wait();
	const expired = wait({ expiresAt: NOW + 10 });
	for (const w of [a, b, expired]) r.register(w, NOW);
	expect(r.take('app', reply, NOW)).toBe('pending'); // none confirmed yet: the reply is to come again
	expect(r.take('app', reply, NOW + CONFIRM_GRACE_MS)).toBeUndefined(); // never confirmed
	for (const w of [a, b, expired]) r.confirm(w.waitId, {});
	expect(r.take('other-app', reply, NOW)).toBeUndefined();
	expect(r.take('app', { ...reply, channel: 'whatsapp' }, NOW)).toBeUndefined();
	expect(idOf(r.take('app', reply, NOW + 20))).toBe(b.waitId); // same createdAt: registered later
	expect(idOf(r.take('app', reply, NOW + 20))).toBe(a.waitId);
	expect(r.take('app', reply, NOW + 20)).toBeUndefined();
});

it('viber waits match v1 "viber_service" replies', () => {
	const r = new WaitRegistry();
	const v = wait({ channel: 'viber', ours: '654321' });
	r.register(v, NOW);
	r.confirm(v.waitId, {});
	expect(idOf(r.take('app', { ...reply, channel: 'viber_service', to: '654321' }, NOW))).toBe(
		v.waitId,
	);
});

it('is bounded per application: a registration beyond the limit is refused, nothing pushed out', () => {
	const r = new WaitRegistry();
	for (let i = 0; i < MAX_LIVE_WAITS; i++) expect(r.register(wait(), NOW)).toBe('registered');
	expect(r.register(wait(), NOW)).toBe('full');
	expect(r.register(wait({ applicationId: 'another' }), NOW)).toBe('registered');
	expect(Object.keys(r.copyOf('app'))).toHaveLength(MAX_LIVE_WAITS);
});

it('merging an older copy never revives a taken or cancelled wait; a newer copy moves it forward', () => {
	const r = new WaitRegistry();
	const a = wait();
	r.register(a, NOW);
	r.confirm(a.waitId, { message_uuid: 'm' });
	const stale = r.copyOf('app');
	r.take('app', reply, NOW);
	r.merge(JSON.parse(JSON.stringify(stale)), NOW);
	expect(r.get(a.waitId)?.state).toBe('taken');

	const fresh = new WaitRegistry(); // another process, or after a restart
	fresh.merge(JSON.parse(JSON.stringify(stale)), NOW);
	const taken = fresh.take('app', reply, NOW);
	expect(typeof taken === 'object' && taken.wait.sent).toEqual({ message_uuid: 'm' });
});

it('ignores copies that are not waits, and own properties only', () => {
	const r = new WaitRegistry();
	const polluted = JSON.parse('{"__proto__": {"state": "confirmed"}, "x": {"waitId": "x"}}');
	r.merge(polluted, NOW);
	r.merge([wait()], NOW);
	r.merge('nothing', NOW);
	expect(r.copyOf('app')).toEqual({});
	expect(r.take('app', reply, NOW)).toBeUndefined();
});

it('a put-off reply gives its wait back and tells how long its replies have been put off, from the first time', () => {
	const r = new WaitRegistry();
	const a = wait();
	r.register(a, NOW);
	r.confirm(a.waitId, {});
	expect(idOf(r.take('app', reply, NOW))).toBe(a.waitId);
	expect(r.putOff(a.waitId, NOW)).toBe(0);
	expect(idOf(r.take('app', reply, NOW + 5_000))).toBe(a.waitId);
	expect(r.putOff(a.waitId, NOW + 5_000)).toBe(5_000);
	expect(r.get(a.waitId)?.state).toBe('confirmed');
	expect(r.putOff('unknown', NOW)).toBe(0);
	const copy = new WaitRegistry();
	copy.merge({ ...r.copyOf('app'), [a.waitId]: { ...r.get(a.waitId), putOffAt: 'soon' } }, NOW);
	expect(copy.get(a.waitId)).toBeDefined();
	expect(copy.get(a.waitId)?.putOffAt).toBeUndefined();
});
