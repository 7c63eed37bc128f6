// Encryption at rest for secrets the app must read back (TOTP keys): AES-256-GCM from Node's crypto; and keyed hashes
// (HMAC-SHA-256) for values kept only to be recognised again (erased addresses).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

let key: Buffer | null = null;

/**
 * ENCRYPTION_KEY (32 bytes, base64) is required on PostgreSQL, where several instances must share it. The embedded
 * demo keeps a generated key beside its data instead, so that it runs with no configuration.
 */
function encryptionKey(): Buffer {
	if (key) return key;
	const configured = process.env.ENCRYPTION_KEY;
	if (configured) {
		key = Buffer.from(configured, 'base64');
		if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).');
		return key;
	}
	if (process.env.DATABASE_URL) {
		throw new Error('Set ENCRYPTION_KEY (openssl rand -base64 32) when running on PostgreSQL.');
	}
	const dir = resolve(process.env.DATA_DIR ?? 'data');
	const file = join(dir, 'encryption.key');
	if (!existsSync(file)) {
		mkdirSync(dir, { recursive: true });
		writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
	}
	key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	return key;
}

export function encrypt(plain: Uint8Array): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(encoded: string): Uint8Array {
	const data = Buffer.from(encoded, 'base64');
	const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), data.subarray(0, 12));
	decipher.setAuthTag(data.subarray(12, 28));
	return new Uint8Array(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
}

const derived = new Map<string, Buffer>();

/**
 * HMAC-SHA-256 of `value` (hex) under a key derived from ENCRYPTION_KEY for one `purpose` (HKDF), so that the hash
 * of a guessable value such as an email address cannot be confirmed by anyone without the key, and a hash made for
 * one purpose means nothing for another.
 */
export function keyedHash(purpose: string, value: string): string {
	let purposeKey = derived.get(purpose);
	if (!purposeKey) {
		purposeKey = Buffer.from(hkdfSync('sha256', encryptionKey(), Buffer.alloc(0), `homeward:${purpose}`, 32));
		derived.set(purpose, purposeKey);
	}
	return createHmac('sha256', purposeKey).update(value, 'utf8').digest('hex');
}
