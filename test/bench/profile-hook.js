// Loaded into n8n's main process by `npm run bench -- receive --profile` (NODE_OPTIONS=--require).
// SIGUSR2 starts V8's CPU profiler; the next SIGUSR2 stops it and writes profile-<n>.cpuprofile to
// BENCH_PROFILE_DIR. Only the process started as `n8n start` profiles; everything else ignores it.
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir && process.argv.includes('start')) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'main.pid'), String(process.pid));
	const session = new inspector.Session();
	session.connect();
	let running = false;
	let count = 0;
	const mark = (state) => fs.writeFileSync(path.join(dir, 'state'), state);
	process.on('SIGUSR2', () => {
		if (!running) {
			running = true;
			session.post('Profiler.enable', () =>
				session.post('Profiler.setSamplingInterval', { interval: 250 }, () =>
					session.post('Profiler.start', () => mark('started')),
				),
			);
			return;
		}
		session.post('Profiler.stop', (error, result) => {
			running = false;
			count += 1;
			if (!error)
				fs.writeFileSync(
					path.join(dir, `profile-${count}.cpuprofile`),
					JSON.stringify(result.profile),
				);
			mark(`stopped ${count}`);
		});
	});
}
