// Starts the built app for the end-to-end tests on a fresh database: a new PGlite folder, or with DATABASE_URL a new
// PostgreSQL database beside that one (dropped again on exit). Seeds the demo with a known password.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.DATABASE_URL;
let cleanup = () => {};
if (url) {
	const { default: postgres } = await import('postgres');
	const admin = new URL(url);
	const name = `${admin.pathname.slice(1) || 'homeward'}_e2e_${process.pid}`;
	admin.pathname = '/postgres';
	const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
	await sql.unsafe(`drop database if exists "${name}" with (force)`);
	await sql.unsafe(`create database "${name}"`);
	await sql.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	process.env.DATABASE_URL = target.toString();
	cleanup = async () => {
		const drop = postgres(admin.toString(), { max: 1, onnotice: () => {} });
		await drop.unsafe(`drop database if exists "${name}" with (force)`);
		await drop.end();
	};
} else {
	const dir = mkdtempSync(join(tmpdir(), 'homeward-e2e-'));
	process.env.DATA_DIR = dir;
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

process.env.DEMO_SEED = 'true';
process.env.SEED_PASSWORD ||= 'e2e demo password';
// Tests give each scenario its own client address, so one test's rate limit does not block another's sign-in.
process.env.ADDRESS_HEADER = 'x-forwarded-for';
process.env.PORT ||= '4173';

// The server runs as a child so that everything it prints lands in a log file that the tests then search for
// secrets (tests/e2e/global-teardown.ts).
const results = process.env.E2E_RESULTS || 'test-results';
mkdirSync(results, { recursive: true });
const log = createWriteStream(join(results, 'e2e-server.log'));
const child = spawn(process.execPath, ['scripts/server.js'], { stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.pipe(log);
child.stderr.pipe(log);
child.stderr.pipe(process.stderr);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code) => {
	await cleanup();
	process.exit(code ?? 0);
});
