// The retention job: applies every kind's period (kinds.ts) in one transaction under a PostgreSQL advisory lock, so
// that with several instances each hourly run happens once; and the admin page's view of what is due next.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { db, type Database } from '$lib/server/db';
import { jobRuns } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import type { SessionUser } from '$lib/server/auth/session';
import { KINDS, previewKind } from './kinds';

/** The advisory lock a run holds for its transaction; exported so a test can hold it as another instance would. */
export const RETENTION_LOCK = 7_351_102;
/** Each run that did the work is recorded in job_runs under this name, its period being the instant it ran. */
export const RETENTION_JOB = 'retention';
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const RUNS_KEPT_DAYS = 90;

/**
 * Removes everything due at `now`. Returns what each kind removed, or null when another instance holds the lock
 * (it is doing the same work at this moment). The lock is a transaction-level one: it is released by the commit,
 * and by the rollback if anything fails, so a crashed run never blocks the next.
 */
export async function runRetention(now = new Date(), database: Database = db): Promise<Record<string, number> | null> {
	return database.transaction(async (tx) => {
		const [lock] = rows<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${RETENTION_LOCK}) as locked`));
		if (!lock?.locked) return null;
		const removed: Record<string, number> = {};
		for (const kind of KINDS) removed[kind.id] = await kind.apply(tx, now);
		await tx.insert(jobRuns).values({ job: RETENTION_JOB, period: now.toISOString(), ranAt: now, outcome: removed }).onConflictDoNothing();
		await tx
			.delete(jobRuns)
			.where(and(eq(jobRuns.job, RETENTION_JOB), lt(jobRuns.ranAt, new Date(now.getTime() - RUNS_KEPT_DAYS * 86_400_000))));
		return removed;
	});
}

/** postgres.js returns rows as an array, PGlite as `{ rows }`. */
function rows<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Each kind with its rule, what is due now, and when the next records fall due; and the job's last run. */
export async function retentionOverview(actor: SessionUser, now = new Date()) {
	if (actor.role !== 'admin') throw new NotFoundError();
	const kinds = [];
	for (const kind of KINDS) {
		kinds.push({ id: kind.id, label: kind.label, rule: kind.rule(), outcome: kind.outcome, ...(await previewKind(db, kind, now)) });
	}
	const [run] = await db
		.select({ ranAt: jobRuns.ranAt, outcome: jobRuns.outcome })
		.from(jobRuns)
		.where(eq(jobRuns.job, RETENTION_JOB))
		.orderBy(desc(jobRuns.ranAt))
		.limit(1);
	const lastRun = run ? { ranAt: run.ranAt, removed: (run.outcome ?? {}) as Record<string, number> } : null;
	const nextRunAt = lastRun ? new Date(Math.max(now.getTime(), lastRun.ranAt.getTime() + RETENTION_INTERVAL_MS)) : null;
	return { kinds, lastRun, nextRunAt };
}
