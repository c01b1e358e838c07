// The life of a group of Inbound Triggers on one application (issue 18) in real n8n: unpublished in
// every order and all at once (the application's URL moves to a trigger still published; the last one
// puts back what the first found), and n8n restarted with three published (each still gets exactly its messages).
import * as assert from 'node:assert/strict';

import { isServed, waitFor } from './n8n/proc';
import { N8nServer } from './n8n/server';
import {
	assertNoTriggerOn,
	createInbound,
	describeTriggers,
	expectStarts,
	postInbound,
	publish,
	unpublish,
	unpublishQuietly,
	type Trigger,
} from './group-triggers';
import type { Context, Scenario } from './scenarios';

/** Unpublishing orders (1: the first published, whose URL is on the application). */
const ORDERS = [
	[1, 2, 3],
	[3, 2, 1],
	[2, 1, 3],
];

async function assertExact(
	ctx: Context,
	outcomes: Awaited<ReturnType<typeof expectStarts>>,
	what: string,
): Promise<void> {
	for (const o of outcomes) {
		const wrong = [o.missing, o.doubled, o.unexpected].some((list) => list.length > 0);
		const state = wrong
			? await describeTriggers(
					ctx,
					outcomes.map((x) => x.trigger),
				)
			: '';
		assert.deepEqual(
			{ missing: o.missing, doubled: o.doubled, unexpected: o.unexpected },
			{ missing: [], doubled: [], unexpected: [] },
			`${what}: ${o.trigger.workflow.name} (${o.trigger.workflow.id}); triggers: ${state}`,
		);
	}
}

export const groupOrderScenario: Scenario = {
	name: 'groups: deactivate in every order and all at once, the application ends as it was',
	timeoutMs: 400_000,
	async run(ctx) {
		await assertNoTriggerOn(ctx, 'inbound_url');
		const start = await ctx.emulator.applicationWebhooks();
		const tag = `go${ctx.mode}${Date.now().toString(36)}`;
		const known = {
			status_url: `https://status.example.com/vonage/${tag}`,
			inbound_url: `https://inbound.example.com/vonage/${tag}`,
		};
		await ctx.emulator.setApplicationWebhook('status_url', known.status_url);
		await ctx.emulator.setApplicationWebhook('inbound_url', known.inbound_url);
		const triggers: Trigger[] = [];
		for (const n of [1, 2, 3])
			triggers.push(await createInbound(ctx, `e2e: groups, order ${n} (${ctx.mode})`));
		let active: Trigger[] = [];
		try {
			for (const order of ORDERS) {
				for (const t of triggers) {
					await publish(ctx, t);
					active.push(t);
				}
				for (const n of order) {
					const leaving = triggers[n - 1];
					active = active.filter((t) => t !== leaving);
					await unpublish(ctx, leaving, active, known.inbound_url);
					if (active.length === 0) break; // the application points away from n8n again
					const text = `Hi ${tag}-${order.join('')}-${n}`;
					await postInbound(ctx, text);
					const outcomes = await expectStarts(
						ctx,
						triggers.map((trigger) => ({
							trigger,
							texts: active.includes(trigger) ? [text] : [],
						})),
						text,
					);
					await assertExact(ctx, outcomes, `order ${order.join(',')}, after unpublishing ${n}`);
				}
				assert.deepEqual(
					await ctx.emulator.applicationWebhooks(),
					known,
					`the application's webhooks after unpublishing in the order ${order.join(',')}`,
				);
			}
			// n8n 2.x unpublishes in the background, several workflows at the same time.
			for (const t of triggers) {
				await publish(ctx, t);
				active.push(t);
			}
			await Promise.all(triggers.map(async (t) => await unpublish(ctx, t, [], known.inbound_url)));
			active = [];
			assert.deepEqual(
				await ctx.emulator.applicationWebhooks(),
				known,
				"the application's webhooks after unpublishing all three at once",
			);
		} finally {
			await unpublishQuietly(ctx, active);
			await ctx.emulator.setApplicationWebhook('status_url', start.status_url);
			await ctx.emulator.setApplicationWebhook('inbound_url', start.inbound_url);
		}
	},
};

/** Stops n8n and starts it again on the same port and user folder, as the Send and Wait restart does. */
async function restart(ctx: Context, triggers: Trigger[]): Promise<void> {
	const port = Number(new URL(ctx.n8n.baseUrl).port);
	const options = ctx.n8n.options;
	await ctx.n8n.stop();
	ctx.n8n = await N8nServer.start({ ...options, port });
	for (const t of triggers)
		await waitFor(
			`${t.workflow.name} to be served again`,
			async () => ((await isServed(t.url)) ? true : undefined),
			60_000,
			250,
		);
}

export const groupRestartScenario: Scenario = {
	name: 'groups: n8n restarted with three workflows published, each still gets its messages (regular mode; queue: skipped, its database goes with stop)',
	timeoutMs: 300_000,
	async run(ctx) {
		if (ctx.mode === 'queue') return;
		await assertNoTriggerOn(ctx, 'inbound_url');
		const before = (await ctx.emulator.applicationWebhooks()).inbound_url;
		const tag = `gr${Date.now().toString(36)}`;
		const triggers = [
			await createInbound(ctx, `e2e: groups restart, everything else (${ctx.mode})`),
			await createInbound(ctx, `e2e: groups restart, STOP (${ctx.mode})`, 'STOP'),
			await createInbound(ctx, `e2e: groups restart, ORDER (${ctx.mode})`, 'ORDER'),
		];
		const published: Trigger[] = [];
		try {
			for (const t of triggers) {
				await publish(ctx, t);
				published.push(t);
			}
			await restart(ctx, triggers);
			const texts = ['Hello', 'STOP', 'ORDER'].map((word) =>
				[1, 2, 3].map((i) => `${word} ${tag}-${word.toLowerCase()}-${i}`),
			);
			const shuffled = texts.flat().sort(() => Math.random() - 0.5);
			await Promise.all(shuffled.map(async (text) => await postInbound(ctx, text)));
			const outcomes = await expectStarts(
				ctx,
				triggers.map((trigger, i) => ({ trigger, texts: texts[i] })),
				tag,
			);
			await assertExact(ctx, outcomes, 'after the restart');
			for (const t of [...published].reverse()) {
				published.splice(published.indexOf(t), 1);
				await unpublish(ctx, t, published, before);
			}
		} finally {
			await unpublishQuietly(ctx, published);
		}
	},
};
