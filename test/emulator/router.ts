import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleApplications } from './applications';
import { handleControl } from './control';
import type { Emulator } from './emulator';
import { isLoopbackAddress, parseJson, readBody, sendJson } from './http';
import { handleSend } from './messages';
import { handleUpdate } from './update-message';
import { genericProblem, notFound, wrongVerb } from './problems';

/** Dispatches one request: Messages API, Applications API, or the /_emulator control endpoints. */
export async function route(
	emu: Emulator,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://emulator');
	const path = url.pathname.replace(/\/+$/, '') || '/';
	const method = req.method ?? 'GET';
	if (path === '/v0.1/messages' || path === '/v1/messages') {
		if (method === 'POST')
			return await handleSend(emu, req, res, path === '/v1/messages' ? 'v1' : 'v0.1');
		return sendJson(res, 405, wrongVerb(method));
	}
	const update = /^\/v1\/messages\/([^/]+)$/.exec(path);
	if (update) {
		if (method === 'PATCH') return await handleUpdate(emu, req, res, decodeURIComponent(update[1]));
		return sendJson(res, 405, wrongVerb(method));
	}
	const body = parseJson(await readBody(req));
	const apps = /^\/v2\/applications(?:\/([^/]+))?$/.exec(path);
	if (apps) {
		const id = apps[1] === undefined ? undefined : decodeURIComponent(apps[1]);
		const state = { keys: emu.keys, application: emu.application, writes: emu.applicationWrites };
		handleApplications(
			{ method, id, query: url.searchParams, headers: req.headers, body },
			state,
			res,
		);
		emu.application = state.application;
		return;
	}
	if (path.startsWith('/_emulator/')) {
		if (!isLoopbackAddress(req.socket.remoteAddress)) {
			return sendJson(
				res,
				403,
				genericProblem(
					'#forbidden',
					'Forbidden',
					'The control endpoints answer loopback clients only.',
				),
			);
		}
		return await handleControl(emu, method, path, body, res);
	}
	return sendJson(res, 404, notFound(`No route for ${method} ${path}`));
}
