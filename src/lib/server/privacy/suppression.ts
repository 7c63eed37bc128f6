// The suppression list: erased addresses, kept only as keyed hashes so that an import or invitation can recognise an
// address without Homeward holding it. A fresh opt-in by the person (a confirmed Search Heroes sign-up) lifts it.
import { eq } from 'drizzle-orm';
import type { Executor } from '$lib/server/db';
import { suppressedAddresses } from '$lib/server/db/schema';
import { keyedHash } from '$lib/server/crypto';
import { normaliseAddress } from '$lib/domain/privacy';

export function addressHash(address: string) {
	return keyedHash('suppression', normaliseAddress(address));
}

export async function suppress(executor: Executor, address: string) {
	await executor.insert(suppressedAddresses).values({ hash: addressHash(address) }).onConflictDoNothing();
}

export async function isSuppressed(executor: Executor, address: string) {
	const [row] = await executor.select({ createdAt: suppressedAddresses.createdAt }).from(suppressedAddresses).where(eq(suppressedAddresses.hash, addressHash(address)));
	return row ?? null;
}

/** Removes the address from the list; true when it was there. */
export async function unsuppress(executor: Executor, address: string) {
	const gone = await executor.delete(suppressedAddresses).where(eq(suppressedAddresses.hash, addressHash(address))).returning({ hash: suppressedAddresses.hash });
	return gone.length > 0;
}

export const SUPPRESSED_MESSAGE =
	'This address was erased at its owner’s request and is on the suppression list. Invite it again only if they ask: lift the suppression under Admin → People first.';
