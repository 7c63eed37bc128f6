// One browser tab's Server-Sent Events stream for an area (what it missed since its last event id, then every change
// as it happens, who else is here, and a heartbeat that also keeps the person marked present), or for a room.
import { newId } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { HEARTBEAT_SECONDS, type AreaChange, type PresentPerson, type RoomChange } from '$lib/domain/live';
import type { AreaContext } from '$lib/server/areas';
import { changesSince, follow, followRoom, markGone, markPresent, presentIn } from './index';

const open = new Set<() => void>();

/** Ends every open stream (at shutdown): browsers reconnect to another instance and catch up. */
export function closeAllStreams() {
	for (const close of [...open]) close();
}

/**
 * `stillAllowed` asks again whether the person may read the area (their session lives and they are still a member): on
 * every heartbeat and whenever the area's members change. When they may not, the stream ends, and the browser's
 * reconnect meets the same guard as any request.
 */
/** Asks `stillAllowed` and ends the stream when the answer is no; a check that fails (a database blip) keeps it. */
function recheckWith(stillAllowed: () => Promise<boolean>, close: () => void) {
	return async () => {
		try {
			if (await stillAllowed()) return true;
		} catch (err) {
			log.warn({ err }, 'event stream re-check failed');
			return true;
		}
		close();
		return false;
	};
}

/**
 * A stream's own writes (hello, heartbeats, goodbye), one after another. Otherwise a goodbye written while a hello was
 * still on its way (on PostgreSQL they may take different connections) would leave the person or screen "here" for a
 * minute after they left.
 */
function oneAfterAnother() {
	let last: Promise<unknown> = Promise.resolve();
	return (write: () => Promise<unknown>, failed: string) => (last = last.then(write).catch((err) => log.warn({ err }, failed)));
}

export function areaStream(
	context: AreaContext,
	view: string,
	lastEventId: number | null,
	stillAllowed: () => Promise<boolean>
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const streamId = newId();
	const areaId = context.area.id;
	let close = () => {};
	return new ReadableStream({
		async start(controller) {
			let closed = false;
			const send = (text: string) => {
				if (!closed) controller.enqueue(encoder.encode(text));
			};
			const recheck = recheckWith(stillAllowed, () => close());
			const change = (c: AreaChange) => {
				send(`id: ${c.id}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
				if (c.topic === 'members') recheck();
			};
			const people = (list: PresentPerson[]) => send(`event: presence\ndata: ${JSON.stringify(list)}\n\n`);
			const stopFollowing = follow(areaId, { change, presence: people });
			const inTurn = oneAfterAnother();
			const hello = (failed: string) => inTurn(() => (closed ? Promise.resolve() : markPresent(streamId, areaId, context.user.id, view)), failed);
			const heartbeat = setInterval(async () => {
				send(': still here\n\n');
				if (await recheck()) await hello('presence heartbeat failed');
			}, HEARTBEAT_SECONDS * 1000);
			close = () => {
				if (closed) return;
				closed = true;
				open.delete(close);
				clearInterval(heartbeat);
				stopFollowing();
				inTurn(() => markGone(streamId, areaId), 'presence goodbye failed');
				try {
					controller.close();
				} catch {
					// Already closed by the browser going away.
				}
			};
			open.add(close);
			// Reconnect quickly after a dropped connection; the browser then sends Last-Event-ID.
			send('retry: 2000\n\n');
			try {
				if (lastEventId !== null) for (const c of await changesSince(areaId, lastEventId)) change(c);
				await hello('presence hello failed');
				if (!closed) people(await presentIn(areaId));
			} catch (err) {
				log.error({ err }, 'event stream start failed');
				close();
			}
		},
		cancel() {
			close();
		}
	});
}

/** A stream that counts as a screen of the room (a syndicate's): said when it opens, on each heartbeat, and when it closes. */
export interface RoomScreen {
	seen(streamId: string, opened: boolean): Promise<void>;
	gone(streamId: string): Promise<void>;
}

/**
 * One browser tab's stream for a room (a Hydra exercise): every change it may hear as it happens, and a heartbeat. No
 * presence (syndicates have no account) and no replay: a browser that reconnects re-loads its page's data instead.
 * `accept` keeps a stream to the topics its audience may know about (syndicates never hear of observers' notes);
 * `stillAllowed` is asked on every heartbeat, and the stream ends when it says no.
 */
export function roomStream(
	room: string,
	accept: (change: RoomChange) => boolean = () => true,
	stillAllowed: () => Promise<boolean> = async () => true,
	screen?: RoomScreen
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const streamId = newId();
	let close = () => {};
	return new ReadableStream({
		start(controller) {
			let closed = false;
			const send = (text: string) => {
				if (!closed) controller.enqueue(encoder.encode(text));
			};
			const stopFollowing = followRoom(room, (c) => {
				if (accept(c)) send(`id: ${c.id}\nevent: change\ndata: ${JSON.stringify({ topic: c.topic, entity: c.entity, action: c.action })}\n\n`);
			});
			const recheck = recheckWith(stillAllowed, () => close());
			const inTurn = oneAfterAnother();
			const seen = (opened: boolean, failed: string) => screen && inTurn(() => (closed ? Promise.resolve() : screen.seen(streamId, opened)), failed);
			const heartbeat = setInterval(async () => {
				send(': still here\n\n');
				if (await recheck()) await seen(false, 'screen heartbeat failed');
			}, HEARTBEAT_SECONDS * 1000);
			close = () => {
				if (closed) return;
				closed = true;
				open.delete(close);
				clearInterval(heartbeat);
				stopFollowing();
				if (screen) inTurn(() => screen.gone(streamId), 'screen goodbye failed');
				try {
					controller.close();
				} catch {
					// Already closed by the browser going away.
				}
			};
			open.add(close);
			send('retry: 2000\n\n');
			seen(true, 'screen hello failed');
		},
		cancel() {
			close();
		}
	});
}

/** The response headers of every event stream. */
export const STREAM_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-store',
	// Proxies must pass each event on at once.
	'x-accel-buffering': 'no'
};
