// Screenshots of the nodes in real n8n for the README and docs/, saved as PNGs into docs/images/.
//
//   node -r ts-node/register/transpile-only scripts/screenshots.ts [--skip-build] [--out docs/images]
//
// Starts its own dev environment (package installed as a community node, emulator, credential,
// example workflows) in a temporary folder on free ports, then drives Debian's Chromium (installed
// with apt-get when missing) through playwright-core from the n8n install in .n8n-dev/runtime
// (n8n depends on it; nothing is downloaded), logs in, and captures the canvas and node settings;
// last, a resumed send-and-wait execution (scripts/screenshot-execution.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startDevEnvironment, type DevEnvironment } from './dev';
import { resumedSendAndWait, type ResumedExecution } from './screenshot-execution';
import { aptInstall } from '../test/e2e/n8n/backing-services';
import { REPO_ROOT, RUNTIME_DIR } from '../test/e2e/n8n/paths';
import { freePort, stopAll, stopAllOnSignals } from '../test/e2e/n8n/proc';

// The little of playwright-core's API used here (it is loaded at run time from the n8n install).
interface Locator {
	first(): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	waitFor(options?: { state?: 'visible' | 'attached'; timeout?: number }): Promise<void>;
}
interface Page {
	goto(
		url: string,
		options?: { waitUntil?: 'load' | 'networkidle' | 'domcontentloaded'; timeout?: number },
	): Promise<unknown>;
	locator(selector: string): Locator;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
	waitForTimeout(ms: number): Promise<void>;
	keyboard: { press(key: string): Promise<void> };
}
interface BrowserContext {
	newPage(): Promise<Page>;
	request: {
		post(url: string, options: { data: unknown }): Promise<{ ok(): boolean; status(): number }>;
	};
}
interface Browser {
	newContext(options: {
		viewport: { width: number; height: number };
		deviceScaleFactor?: number;
	}): Promise<BrowserContext>;
	close(): Promise<void>;
}
interface PlaywrightCore {
	chromium: {
		launch(options: {
			executablePath: string;
			headless: boolean;
			args: string[];
		}): Promise<Browser>;
	};
}

const CHROMIUM = '/usr/bin/chromium';

function loadPlaywright(): PlaywrightCore {
	const modulePath = path.join(RUNTIME_DIR, 'node_modules', 'playwright-core');
	if (!fs.existsSync(modulePath)) {
		throw new Error(`playwright-core is not in ${RUNTIME_DIR} (run test/e2e/n8n/install.ts first)`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(modulePath) as PlaywrightCore;
}

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(name);
	return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

interface Shot {
	file: string;
	url: string;
	/** What must be visible before the picture is taken. */
	ready: string[];
	/** Clicked once ready (a tab to show). */
	click?: string;
}

const CANVAS = '[data-test-id="canvas-node"]';
const NDV = '[data-test-id="ndv"]';

function shotsFor(env: DevEnvironment): Shot[] {
	const base = env.n8n.baseUrl;
	const shots: Shot[] = [];
	for (const [example, file] of [
		['delivery-status-branch.json', 'workflow-status-branch.png'],
		['reply-bot.json', 'workflow-reply-bot.png'],
		['whatsapp-sms-failover.json', 'workflow-whatsapp-sms-failover.png'],
	] as const) {
		const workflow = env.workflows.get(example);
		if (workflow) shots.push({ file, url: `${base}/workflow/${workflow.id}`, ready: [CANVAS] });
	}
	for (const [example, type, file] of [
		['send-sms.json', 'vonageMessages', 'node-send-sms.png'],
		['delivery-status-branch.json', 'vonageMessagesStatusTrigger', 'node-status-trigger.png'],
		['reply-bot.json', 'vonageMessagesInboundTrigger', 'node-inbound-trigger.png'],
		['confirm-appointment.json', 'vonageMessages', 'node-send-and-wait.png'],
	] as const) {
		const workflow = env.workflows.get(example);
		const nodes = (workflow?.nodes ?? []) as Array<{ id?: string; type: string }>;
		const node = nodes.find((n) => n.type === `n8n-nodes-vonage-messages.${type}`);
		// /workflow/:id/:nodeId opens the node's settings
		if (workflow && node?.id)
			shots.push({
				file,
				url: `${base}/workflow/${workflow.id}/${node.id}`,
				ready: [CANVAS, NDV],
			});
	}
	shots.push({
		file: 'credential.png',
		url: `${base}/home/credentials/${env.credential.id}`,
		ready: ['text=Vonage Messages API'],
	});
	return shots;
}

/** The resumed send-and-wait execution, its question node open on its output as JSON. */
function executionShot(env: DevEnvironment, run: ResumedExecution): Shot {
	return {
		file: 'execution-send-and-wait.png',
		url: `${env.n8n.baseUrl}/workflow/${run.workflowId}/executions/${run.executionId}/${run.nodeId}`,
		ready: [NDV],
		click: '[data-test-id="output-panel"] >> text="JSON"',
	};
}

async function take(page: Page, shot: Shot, outDir: string): Promise<string> {
	await page.goto(shot.url, { waitUntil: 'networkidle', timeout: 60_000 });
	for (const selector of shot.ready) {
		await page
			.locator(selector)
			.first()
			.waitFor({ state: 'visible', timeout: 30_000 })
			.catch(() => console.warn(`[screenshots] ${shot.file}: ${selector} did not appear`));
	}
	if (shot.click) await page.locator(shot.click).first().click({ timeout: 30_000 });
	await page.waitForTimeout(1500); // let the canvas fit and animations settle
	const file = path.join(outDir, shot.file);
	await page.screenshot({ path: file });
	console.log(`[screenshots] ${path.relative(REPO_ROOT, file)}`);
	await page.keyboard.press('Escape');
	return file;
}

async function main(): Promise<void> {
	stopAllOnSignals();
	const outDir = path.resolve(REPO_ROOT, arg('--out', path.join('docs', 'images')));
	fs.mkdirSync(outDir, { recursive: true });
	if (!fs.existsSync(CHROMIUM)) await aptInstall(['chromium']);
	const playwright = loadPlaywright();

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshots-'));
	const env = await startDevEnvironment({
		userFolder,
		port: await freePort(),
		emulatorPort: await freePort(),
		build: !process.argv.includes('--skip-build'),
		publish: false,
	});
	const saved: string[] = [];
	let browser: Browser | undefined;
	try {
		// playwright-core gives Chromium a new temporary profile (--user-data-dir) of its own
		browser = await playwright.chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
			],
		});
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const login = await context.request.post(`${env.n8n.baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: env.n8n.owner.email, password: env.n8n.owner.password },
		});
		if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
		const page = await context.newPage();

		for (const shot of shotsFor(env)) saved.push(await take(page, shot, outDir));
		// last: it publishes the reply bot, which the pictures above show unpublished
		saved.push(await take(page, executionShot(env, await resumedSendAndWait(env)), outDir));
	} finally {
		await browser?.close();
		await env.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	console.log(`[screenshots] ${saved.length} PNGs in ${outDir}`);
}

main().catch(async (error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	await stopAll();
	process.exit(1);
});
