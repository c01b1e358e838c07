// Several workflows on one Vonage application in real n8n (issue 18): the first active trigger's URL is
// on the application and it hands each verified event on to the others; keyword Inbound Triggers take
// their messages first. Three inbound workflows (STOP, ORDER, everything else) each start exactly for
// theirs, timed against one trigger alone; two sending workflows each get only their own statuses; the
// application's URL moves and comes back in every order of unpublishing; and survives a restart.
import * as assert from 'node:assert/strict';

import {
	assertNoTriggerOn,
	createInbound,
	expectStarts,
	median,
	postInbound,
	publish,
	unpublish,
	unpublishQuietly,
	type Trigger,
} from './group-triggers';
import type { Context, Scenario } from './scenarios';
import { groupRestartScenario, groupOrderScenario } from './scenarios-groups-lifecycle';
import { groupStatusScenario } from './scenarios-groups-status';

/** The figures of the three-workflow scenario, per run of it (mode and n8n line), for the report. */
export interface GroupFigures {
	mode: string;
	line: string;
	perTrigger: Record<string, number>;
	lost: number;
	doubled: number;
	medianGroupMs: number;
	medianSingleMs: number;
}
export const groupFigures: GroupFigures[] = [];

const PER_KIND = 10;
const BATCH = 5;

/** Texts of one kind: the first word decides, in several spellings; `id` makes each unique. */
const KINDS = {
	stop: (id: string, i: number) => [`STOP ${id}`, `stop! ${id}`, `Stop. ${id}`][i % 3],
	order: (id: string, i: number) => [`ORDER ${id}`, `order ${id}`, `Order! ${id}`][i % 3],
	// None starts with a keyword, though some contain one.
	other: (id: string, i: number) =>
		[`Hello ${id}`, `please stop ${id}`, `stopping ${id}`, `ordered ${id}`][i % 4],
};

/** Posts the texts in batches posted at once; when each was posted. */
async function postAll(ctx: Context, texts: string[]): Promise<Map<string, number>> {
	const at = new Map<string, number>();
	for (let i = 0; i < texts.length; i += BATCH)
		await Promise.all(
			texts.slice(i, i + BATCH).map(async (text) => at.set(text, await postInbound(ctx, text))),
		);
	return at;
}

type Outcome = Awaited<ReturnType<typeof expectStarts>>[number];

function latencies(outcome: Outcome, postedAt: Map<string, number>): number[] {
	return outcome.got.map((g) => g.stoppedAt - (postedAt.get(g.text) ?? g.stoppedAt));
}

function assertExact(outcomes: Outcome[]): void {
	for (const o of outcomes) {
		const failed = o.got.filter((g) => g.status !== 'success');
		assert.deepEqual(
			{ missing: o.missing, doubled: o.doubled, unexpected: o.unexpected, failed: failed.length },
			{ missing: [], doubled: [], unexpected: [], failed: 0 },
			`${o.trigger.workflow.name}: executions do not match its messages`,
		);
	}
}

const threeWorkflows: Scenario = {
	name: 'groups: three workflows on one application (STOP, ORDER, everything else) each start exactly for their messages',
	timeoutMs: 300_000,
	async run(ctx) {
		await assertNoTriggerOn(ctx, 'inbound_url');
		const before = (await ctx.emulator.applicationWebhooks()).inbound_url;
		const tag = `g3${ctx.mode}${Date.now().toString(36)}`;
		const other = await createInbound(ctx, `e2e: groups, everything else (${ctx.mode})`);
		const stop = await createInbound(ctx, `e2e: groups, STOP (${ctx.mode})`, 'STOP');
		const order = await createInbound(ctx, `e2e: groups, ORDER (${ctx.mode})`, 'ORDER');
		const published: Trigger[] = [];
		try {
			// The baseline: the trigger without keywords alone on the application.
			await publish(ctx, other);
			published.push(other);
			const single = Array.from({ length: PER_KIND }, (_, i) => KINDS.other(`${tag}-one-${i}`, i));
			const singleAt = await postAll(ctx, single);
			const [alone] = await expectStarts(ctx, [{ trigger: other, texts: single }], `${tag}-one-`);
			assertExact([alone]);

			for (const t of [stop, order]) {
				await publish(ctx, t);
				published.push(t);
			}
			const inbound = (await ctx.emulator.applicationWebhooks()).inbound_url;
			assert.ok(
				published.some((t) => t.url === inbound),
				`the Inbound URL ${inbound} is none of the three triggers`,
			);
			const texts = Object.fromEntries(
				Object.entries(KINDS).map(([kind, make]) => [
					kind,
					Array.from({ length: PER_KIND }, (_, i) => make(`${tag}-grp-${kind}-${i}`, i)),
				]),
			) as Record<keyof typeof KINDS, string[]>;
			const shuffled = Object.values(texts)
				.flat()
				.sort(() => Math.random() - 0.5);
			const groupAt = await postAll(ctx, shuffled);
			const outcomes = await expectStarts(
				ctx,
				[
					{ trigger: stop, texts: texts.stop },
					{ trigger: order, texts: texts.order },
					{ trigger: other, texts: texts.other },
				],
				`${tag}-grp-`,
			);
			const figures: GroupFigures = {
				mode: ctx.mode,
				line: ctx.n8n.runtime.line,
				perTrigger: Object.fromEntries(
					outcomes.map((o, i) => [['STOP', 'ORDER', 'other'][i], o.got.length]),
				),
				lost: outcomes.reduce((n, o) => n + o.missing.length, 0),
				doubled: outcomes.reduce((n, o) => n + o.doubled.length, 0),
				medianGroupMs: median(outcomes.flatMap((o) => latencies(o, groupAt))),
				medianSingleMs: median(latencies(alone, singleAt)),
			};
			groupFigures.push(figures);
			console.log(
				`  groups: ${shuffled.length} messages to 3 triggers (${Object.entries(figures.perTrigger)
					.map(([k, n]) => `${k} ${n}`)
					.join(
						', ',
					)}), lost ${figures.lost}, doubled ${figures.doubled}; median post→stoppedAt: group ${figures.medianGroupMs} ms, single trigger ${figures.medianSingleMs} ms (${single.length} messages)`,
			);
			assertExact(outcomes);

			for (const t of [...published].reverse()) {
				published.splice(published.indexOf(t), 1);
				await unpublish(ctx, t, published, before);
			}
		} finally {
			await unpublishQuietly(ctx, published);
		}
	},
};

export const groupScenarios: Scenario[] = [
	threeWorkflows,
	groupStatusScenario,
	groupOrderScenario,
	groupRestartScenario,
];
