// Short join codes people read off a projector and type on a phone: Hydra exercises and workshop rooms. Pure: no I/O.

/** Letters and digits nobody confuses when read off a screen across a room: no 0/O, 1/I/L, 5/S, 2/Z, 8/B. */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

/** A fresh join code from random bytes (rejection sampling, so every character is equally likely). */
export function joinCodeFrom(random: (count: number) => Uint8Array): string {
	const n = JOIN_CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let code = '';
	while (code.length < JOIN_CODE_LENGTH) {
		for (const byte of random(JOIN_CODE_LENGTH * 2)) {
			if (byte < limit && code.length < JOIN_CODE_LENGTH) code += JOIN_CODE_ALPHABET[byte % n];
		}
	}
	return code;
}

/** What people type, as the code it means: any case, spaces or dashes; null when it cannot be a join code. */
export function normaliseJoinCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== JOIN_CODE_LENGTH) return null;
	return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}

/** The code grouped for reading aloud and off a projector: "ACD EFG". */
export const spacedJoinCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
