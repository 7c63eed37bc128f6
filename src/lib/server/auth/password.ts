// Password hashing (argon2id, OWASP parameters) and the common-password list.
import { hash, verify } from '@node-rs/argon2';
import commonPasswordsText from './common-passwords.txt?raw';

// m=19456 KiB, t=2, p=1: OWASP's recommended argon2id minimum. The library's default algorithm is argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A hash of a throwaway password, verified against when no account matches so that timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string) {
	dummyHash ??= hashPassword('homeward-dummy-password');
	await verifyPassword(await dummyHash, password);
	return false;
}

let common: Set<string> | null = null;

export function isCommonPassword(password: string): boolean {
	common ??= new Set(
		commonPasswordsText
			.split('\n')
			.filter((line) => line && !line.startsWith('#'))
			.map((line) => line.trim().toLowerCase())
	);
	return common.has(password.trim().toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE =
	'This password is on a list of commonly used passwords. Choose one that is harder to guess, such as three unrelated words.';
