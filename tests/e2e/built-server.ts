// Starts the built app the way the README says to (`node build`, which `npm start` runs after building) as a child
// process on its own loopback port and a fresh embedded database, for tests of the server itself: headers, limits,
// shutdown, and what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, TOTP_SECRET } from './fixtures';

export interface BuiltServer {
	port: number;
	origin: string;
	child: ChildProcess;
	output: () => string;
	/** Resolves with the exit code once the process has ended. */
	exited: Promise<number | null>;
	stop: () => Promise<void>;
}

async function freePort() {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as net.AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'homeward-built-'));
	const childEnv: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		DATABASE_URL: undefined,
		ORIGIN: undefined,
		BODY_SIZE_LIMIT: undefined,
		DEMO_SEED: 'true',
		SEED_PASSWORD: PASSWORD,
		SEED_TOTP_SECRET: TOTP_SECRET,
		ADDRESS_HEADER: 'x-forwarded-for',
		LOG_LEVEL: 'warn',
		ENCRYPTION_KEY: 'UsUUdfZQOguT5aWHgOsFL5ibO8Idwr8aAN9tHF5BCNg=',
		...env
	};
	const child = spawn(process.execPath, ['build'], { env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
	const server: BuiltServer = {
		port,
		origin: `http://localhost:${port}`,
		child,
		output: () => output,
		exited,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
	// Ready within a minute (a fresh embedded database and the demo seed), or the test fails with what it printed.
	for (let i = 0; i < 120; i++) {
		const status = await request(server, '/readyz').then((r) => r.status, () => 0);
		if (status === 200) return server;
		if (child.exitCode !== null) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	await server.stop();
	throw new Error(`The built server did not become ready:\n${output}`);
}

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** One request over a connection of its own (or the agent given), loopback only. */
export function request(
	server: Pick<BuiltServer, 'port'>,
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent; onSent?: () => void } = {}
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: server.port,
				path,
				method: options.method ?? 'GET',
				headers: { host: `localhost:${server.port}`, ...options.headers },
				agent: options.agent ?? false
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (options.onSent) req.on('finish', options.onSent);
		req.end(options.body);
	});
}

/** A form post from the app's own origin, as the browser sends it. */
export function postForm(server: BuiltServer, path: string, fields: Record<string, string>, headers: Record<string, string> = {}, onSent?: () => void) {
	return request(server, path, {
		onSent,
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields).toString()
	});
}
