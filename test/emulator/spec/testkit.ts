/** Helpers for the emulator's own tests: playing the client (JWT, Basic), the webhook receiver, the CLI. */
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';

import type { Emulator, EmulatorCredentials } from '../index';

/** An application JWT as Vonage's SDK makes it (RS256, fresh jti), with claims to override or drop (undefined). */
export function appJwt(
	credentials: EmulatorCredentials,
	claims: Record<string, unknown> = {},
	key = credentials.privateKey,
): string {
	const payload: Record<string, unknown> = {
		application_id: credentials.applicationId,
		iat: Math.floor(Date.now() / 1000),
		jti: randomUUID(),
		...claims,
	};
	for (const [name, value] of Object.entries(payload))
		if (value === undefined) delete payload[name];
	return jwt.sign(payload, key, { algorithm: 'RS256', noTimestamp: !('iat' in payload) });
}

/** A hand-made token with any header, for attacks jsonwebtoken will not sign (alg none, HS256 keyed with the public key). */
export function craftJwt(
	header: Record<string, unknown>,
	payload: Record<string, unknown>,
	hmacKey?: string,
): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const signingInput = `${part(header)}.${part(payload)}`;
	const signature =
		hmacKey === undefined
			? ''
			: createHmac('sha256', hmacKey).update(signingInput).digest('base64url');
	return `${signingInput}.${signature}`;
}

export const bearer = (credentials: EmulatorCredentials, claims: Record<string, unknown> = {}) =>
	`Bearer ${appJwt(credentials, claims)}`;

export const basic = (apiKey: string, apiSecret: string) =>
	`Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;

export const otherPrivateKey = () =>
	generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	}).privateKey;

/** The seed page's example request. */
export function smsBody(overrides: Record<string, unknown> = {}): Record<string, any> {
	return {
		client_ref: 'client-ref2',
		to: { type: 'sms', number: '447700900000' },
		from: { type: 'sms', number: '447700900001' },
		message: { content: { type: 'text', text: 'Hello From Vonage!' } },
		...overrides,
	};
}

/** POST /v0.1/messages; never throws on HTTP statuses. `body` may be a raw string. */
export async function send(
	emu: Emulator,
	authorization: string | undefined,
	body: unknown = smsBody(),
	timeout = 10_000,
): Promise<AxiosResponse> {
	return await axios.post(
		`${emu.url}/v0.1/messages`,
		typeof body === 'string' ? Buffer.from(body) : body,
		{
			headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
			validateStatus: () => true,
			timeout,
		},
	);
}

export interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A local webhook receiver: records each POST, answers the next of `statuses` (the last one repeats). */
export interface Receiver {
	url: string;
	received: Received[];
	statuses: number[];
	close(): Promise<void>;
}

export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
	const received: Received[] = [];
	const receiver = { url: '', received, statuses, close: async () => {} } as Receiver;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				path: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			const status = receiver.statuses[Math.min(received.length - 1, receiver.statuses.length - 1)];
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	receiver.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return receiver;
}

/** Points the application's Messages webhooks somewhere, as a trigger would (the test bypasses the API). */
export function pointWebhooks(emu: Emulator, base: string): void {
	const webhooks = emu.application.capabilities.messages.webhooks;
	webhooks.status_url = { address: `${base}/status`, http_method: 'POST' };
	webhooks.inbound_url = { address: `${base}/inbound`, http_method: 'POST' };
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Starts the emulator's CLI (as `npm run emulator` does) with `args`, waits for its URL, runs `check`,
 * then stops it with SIGTERM. A CLI that never prints its URL is killed after 20 s, unless it exited.
 */
export async function runEmulatorCli(
	args: string[],
	check: (url: string, output: string) => Promise<void>,
): Promise<{ code: number | null; output: string }> {
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- runs the repo's own CLI, as `npm run emulator` does
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', 'test/emulator/cli.ts', ...args],
		{ cwd: path.resolve(__dirname, '../../..') },
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const until = Date.now() + 20_000;
	let url: string | undefined;
	while (!url && child.exitCode === null && Date.now() < until) {
		url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	if (url) {
		try {
			await check(url, output);
		} finally {
			child.kill('SIGTERM');
		}
	} else if (child.exitCode === null) {
		child.kill('SIGKILL');
	}
	return { code: await exited, output };
}
