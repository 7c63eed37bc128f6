// Starts the built app for the end-to-end tests on a fresh database: a new PGlite folder, or with DATABASE_URL a new
// PostgreSQL database beside that one (dropped again on exit). Seeds the demo with a known password.
import { appendFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// Mail leaves through SMTP, as in production, to a sink that writes each delivered message to mail.jsonl: the admin
// mailbox shows reset, invitation and manage links masked, so the tests take the working links from what was sent.
const { SMTPServer } = await import('smtp-server');
const { simpleParser } = await import('mailparser');
const mailFile = join(results, 'mail.jsonl');
writeFileSync(mailFile, '');
const sink = new SMTPServer({
	authOptional: true,
	disabledCommands: ['AUTH', 'STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		simpleParser(stream).then((mail) => {
			const headers = Object.fromEntries(mail.headerLines.map(({ key, line }) => [key, line.slice(line.indexOf(':') + 1).trim()]));
			// Attachments as text (calendar invites), so tests can read what a lead's calendar receives.
			const attachments = mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('utf8') }));
			appendFileSync(mailFile, `${JSON.stringify({ messageId: mail.messageId, to: headers.to, subject: mail.subject, text: mail.text, headers, attachments })}\n`);
			callback();
		}, callback);
	}
});
await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${sink.server.address().port}`;
process.env.MAIL_POLL_MS ||= '200';
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
