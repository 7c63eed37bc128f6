// After the whole run: the server's own log must hold no password, session cookie or emailed token.
import { existsSync, readFileSync } from 'node:fs';
import { PASSWORD } from './fixtures';

const SECRETS: [string, RegExp][] = [
	['the demo password', new RegExp(PASSWORD)],
	['a password typed in the tests', /kettle orchard lantern/],
	['a session cookie', /homeward_session=/],
	['an invitation token', /\/invitation\/[a-z0-9]{20,}/],
	['a reset token', /\/reset-password\/[a-z0-9]{20,}/],
	['a password field', /"password"\s*:\s*"(?!\[redacted\])/]
];

export default function teardown() {
	const file = `${process.env.E2E_RESULTS ?? 'test-results'}/e2e-server.log`;
	if (!existsSync(file)) throw new Error(`${file} is missing: the server log could not be checked for secrets.`);
	const log = readFileSync(file, 'utf8');
	if (!log.includes('"msg":"request"')) throw new Error('The server log holds no request lines: the secret check would prove nothing.');
	const found = SECRETS.filter(([, pattern]) => pattern.test(log)).map(([what]) => what);
	if (found.length) throw new Error(`The server log contains ${found.join(', ')}.`);
}
