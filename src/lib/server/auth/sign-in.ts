// Signing in with email and password, behind the database-backed rate limits.
import { eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { InputError } from '$lib/server/errors';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from '$lib/domain/rate-limit';
import { verifyAgainstNothing, verifyPassword } from './password';
import { assertBackoff, clearHits, countAttempt, forgetAttempt, recordHit } from './rate-limit';
import { createSession } from './session';

export const SIGN_IN_FAILED = 'The email address or password is not right.';

export async function findUserByEmail(email: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.toLowerCase()));
	return user ?? null;
}

/**
 * Checks the credentials and opens a new session. Throws RateLimitedError (429) before checking anything when the
 * address or the account has too many recent failures, and InputError with one message that does not say which of
 * the two was wrong.
 */
export async function signIn(email: string, password: string, address: string) {
	await assertBackoff('sign-in:account', email, SIGN_IN_PER_ACCOUNT);
	// Counted as a failure until the password proves right, so parallel guesses all count.
	const attempt = await countAttempt('sign-in:address', address, SIGN_IN_PER_ADDRESS);

	const user = await findUserByEmail(email);
	const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
	if (!user || !ok || user.disabledAt) {
		await recordHit('sign-in:account', email);
		throw new InputError({ _form: SIGN_IN_FAILED });
	}
	await forgetAttempt(attempt);
	await clearHits('sign-in:account', email);
	return { user, ...(await createSession(user.id)) };
}
