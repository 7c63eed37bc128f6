// Random identifiers and secret tokens.
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { joinCodeFrom } from '$lib/domain/join-code';

/** A URL-safe random id (120 bits). */
export function newId(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** A secret token of 160 random bits, for sessions, invitations and resets. Only its hash is ever stored. */
export function newToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A short join code for a room or an exercise, read off a projector (not a secret: a room checks who holds it). */
export const newJoinCode = () => joinCodeFrom((count) => crypto.getRandomValues(new Uint8Array(count)));
