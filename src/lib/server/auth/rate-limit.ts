// Rate limits kept in PostgreSQL, so that they hold across every instance of the app.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { rateLimitHits } from '$lib/server/db/schema';
import {
	backoffRetryAfter,
	windowRetryAfter,
	type BackoffRule,
	type WindowRule
} from '$lib/domain/rate-limit';

export class RateLimitedError extends Error {
	constructor(public retryAfter: number) {
		super(`Too many attempts. Try again in ${describeWait(retryAfter)}.`);
	}
}

export function describeWait(seconds: number) {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

async function recent(bucket: string, key: string, windowMs: number, limit: number) {
	const rows = await db
		.select({ at: rateLimitHits.at })
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
	return rows.map((r) => r.at);
}

export async function recordHit(bucket: string, key: string) {
	await db.insert(rateLimitHits).values({ bucket, key, at: new Date() });
}

export async function clearHits(bucket: string, key: string) {
	await db.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.key, key)));
}

/** Throws RateLimitedError when the window is already full. */
export async function assertWindow(bucket: string, key: string, rule: WindowRule) {
	const wait = windowRetryAfter(await recent(bucket, key, rule.windowMs, rule.max), rule, Date.now());
	if (wait > 0) throw new RateLimitedError(wait);
}

/** Throws RateLimitedError while the growing delay after recent failures has not yet passed. */
export async function assertBackoff(bucket: string, key: string, rule: BackoffRule) {
	const wait = backoffRetryAfter(await recent(bucket, key, rule.windowMs, 1000), rule, Date.now());
	if (wait > 0) throw new RateLimitedError(wait);
}

/** Counts an attempt and refuses it when the window was already full: for forms limited on every use. */
export async function takeFromWindow(bucket: string, key: string, rule: WindowRule) {
	await assertWindow(bucket, key, rule);
	await recordHit(bucket, key);
}

/** Drops counted attempts older than a day: run by the housekeeping job. */
export async function pruneHits(olderThanMs = 24 * 60 * 60_000) {
	await db.delete(rateLimitHits).where(lt(rateLimitHits.at, new Date(Date.now() - olderThanMs)));
}
