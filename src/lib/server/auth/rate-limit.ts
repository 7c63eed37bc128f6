// Rate limits kept in PostgreSQL, so that they hold across every instance of the app.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { rateLimitHits } from '$lib/server/db/schema';
import {
	backoffRetryAfter,
	describeWait,
	windowRetryAfter,
	type BackoffRule,
	type WindowRule
} from '$lib/domain/rate-limit';

export class RateLimitedError extends Error {
	constructor(
		public retryAfter: number,
		message = `Too many attempts. Try again in ${describeWait(retryAfter)}.`
	) {
		super(message);
	}
}

export { describeWait };

async function recent(bucket: string, key: string, windowMs: number, limit: number) {
	return db
		.select({ id: rateLimitHits.id, at: rateLimitHits.at })
		.from(rateLimitHits)
		.where(
			and(
				eq(rateLimitHits.bucket, bucket),
				eq(rateLimitHits.key, key),
				gt(rateLimitHits.at, new Date(Date.now() - windowMs))
			)
		)
		.orderBy(desc(rateLimitHits.at))
		.limit(limit);
}

export async function recordHit(bucket: string, key: string) {
	await db.insert(rateLimitHits).values({ bucket, key, at: new Date() });
}

export async function clearHits(bucket: string, key: string) {
	await db.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.key, key)));
}

/** Un-counts one attempt, e.g. a sign-in that succeeded where only failures should count. */
export async function forgetAttempt(id: number) {
	await db.delete(rateLimitHits).where(eq(rateLimitHits.id, id));
}

/**
 * Counts this attempt first and only then looks at the window, so that requests sent all at once cannot each see room
 * that only one of them has (under a burst some are refused early: the safe side). Throws RateLimitedError, without
 * counting the refused attempt, when the window overflows; returns the attempt's id otherwise.
 */
export async function countAttempt(bucket: string, key: string, rule: WindowRule): Promise<number> {
	const [own] = await db.insert(rateLimitHits).values({ bucket, key, at: new Date() }).returning({ id: rateLimitHits.id });
	const others = (await recent(bucket, key, rule.windowMs, rule.max + 1)).filter((r) => r.id !== own.id);
	const wait = windowRetryAfter(others.map((r) => r.at), rule, Date.now());
	if (wait > 0) {
		await forgetAttempt(own.id);
		throw new RateLimitedError(wait);
	}
	return own.id;
}

/** Throws RateLimitedError while the growing delay after recent failures has not yet passed. */
export async function assertBackoff(bucket: string, key: string, rule: BackoffRule) {
	const failures = await recent(bucket, key, rule.windowMs, 1000);
	const wait = backoffRetryAfter(failures.map((r) => r.at), rule, Date.now());
	if (wait > 0) throw new RateLimitedError(wait);
}

/** Counts a use of a form limited on every use, refusing it when the window is already full. */
export async function takeFromWindow(bucket: string, key: string, rule: WindowRule) {
	await countAttempt(bucket, key, rule);
}

