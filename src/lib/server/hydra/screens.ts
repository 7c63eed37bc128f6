// Who is connected: each open event stream of a syndicate's screen is a row, kept fresh by the stream's heartbeat and
// removed when it closes, so control sees every instance's screens. A stream cut off without a goodbye (a crashed
// instance) stops counting once its last heartbeat is older than PRESENCE_SECONDS.
import { and, count, eq, gt, lt } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { hydraScreens } from '$lib/server/db/schema';
import { publishRoomChange } from '$lib/server/realtime';
import { exerciseRoom, PRESENCE_SECONDS } from '$lib/domain/live';

const ENTITY = 'hydra_screen';

function tell(exerciseId: string, syndicateId: string, action: 'open' | 'close') {
	// Not an audited change (a screen opening changes no data): the room hears of it with no audit row to point to.
	return publishRoomChange(db, { id: 0, room: exerciseRoom(exerciseId), entity: ENTITY, entityId: syndicateId, action, version: null }, 'screens');
}

/** The screen's stream is open (again, for a heartbeat); control hears of a newly opened one. */
export async function screenSeen(streamId: string, exerciseId: string, syndicateId: string, opened = false) {
	await db
		.insert(hydraScreens)
		.values({ id: streamId, exerciseId, syndicateId, seenAt: new Date() })
		.onConflictDoUpdate({ target: hydraScreens.id, set: { seenAt: new Date() } });
	if (opened) await tell(exerciseId, syndicateId, 'open');
}

export async function screenGone(streamId: string, exerciseId: string, syndicateId: string) {
	await db.delete(hydraScreens).where(eq(hydraScreens.id, streamId));
	await tell(exerciseId, syndicateId, 'close');
}

/** How many screens each syndicate of the exercise has connected now, by syndicate id. */
export async function connectedScreens(exerciseId: string, now = new Date()) {
	const fresh = new Date(now.getTime() - PRESENCE_SECONDS * 1000);
	await db.delete(hydraScreens).where(and(eq(hydraScreens.exerciseId, exerciseId), lt(hydraScreens.seenAt, fresh)));
	const rows = await db
		.select({ syndicateId: hydraScreens.syndicateId, n: count() })
		.from(hydraScreens)
		.where(and(eq(hydraScreens.exerciseId, exerciseId), gt(hydraScreens.seenAt, fresh)))
		.groupBy(hydraScreens.syndicateId);
	return Object.fromEntries(rows.map((r) => [r.syndicateId, r.n])) as Record<string, number>;
}
