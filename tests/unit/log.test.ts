import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { safeError } from '$lib/server/log';

describe('logs', () => {
	it('drop the parameters of a failed query from errors', () => {
		const lines: string[] = [];
		const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
		const logger = pino({ serializers: { err: safeError } }, sink);
		const err = Object.assign(new Error('Failed query: update users set password_hash = $1\nparams: $argon2id$v=19$secret,lead@example.test'), {
			params: ['$argon2id$v=19$secret', 'lead@example.test'],
			cause: Object.assign(new Error('duplicate key'), { code: '23505' })
		});
		logger.error({ err }, 'unhandled error');
		const written = lines.join('');
		expect(written).toContain('Failed query: update users');
		expect(written).toContain('23505');
		expect(written).not.toContain('argon2id');
		expect(written).not.toContain('lead@example.test');
	});
});
