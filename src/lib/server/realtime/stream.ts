// One browser tab's Server-Sent Events stream for an area: what it missed since its last event id, then every change
// as it happens, who else is here, and a heartbeat that also keeps the person marked present.
import { newId } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { HEARTBEAT_SECONDS, type AreaChange, type PresentPerson } from '$lib/domain/live';
import type { AreaContext } from '$lib/server/areas';
import { changesSince, follow, markGone, markPresent, presentIn } from './index';

const open = new Set<() => void>();

/** Ends every open stream (at shutdown): browsers reconnect to another instance and catch up. */
export function closeAllStreams() {
	for (const close of [...open]) close();
}

export function areaStream(context: AreaContext, view: string, lastEventId: number | null): ReadableStream<Uint8Array> {
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
			const change = (c: AreaChange) => send(`id: ${c.id}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
			const people = (list: PresentPerson[]) => send(`event: presence\ndata: ${JSON.stringify(list)}\n\n`);
			const stopFollowing = follow(areaId, { change, presence: people });
			const heartbeat = setInterval(() => {
				send(': still here\n\n');
				markPresent(streamId, areaId, context.user.id, view).catch((err) => log.warn({ err }, 'presence heartbeat failed'));
			}, HEARTBEAT_SECONDS * 1000);
			close = () => {
				if (closed) return;
				closed = true;
				open.delete(close);
				clearInterval(heartbeat);
				stopFollowing();
				markGone(streamId, areaId).catch((err) => log.warn({ err }, 'presence goodbye failed'));
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
				await markPresent(streamId, areaId, context.user.id, view);
				people(await presentIn(areaId));
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
