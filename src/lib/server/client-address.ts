// The client's network address, which rate limits key on. adapter-node throws when ADDRESS_HEADER is set but a
// request lacks that header (a proxy misconfigured, or a health check that bypasses it), and that throw answered
// sign-in with a 500. The connection's own address is the honest fallback: at worst such requests share the proxy's
// limit. The operator is told once per process, not once per request.
import type { RequestEvent } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';
import { log } from './log';

type Warn = (details: Record<string, unknown>, message: string) => void;

const warnedOnce = { done: false };

/** `getClientAddress` that falls back to the connection's address, warning the first time it has to. */
export function withAddressFallback(
	getClientAddress: () => string,
	connectionAddress: () => string | undefined,
	warn: Warn = (details, message) => log.warn(details, message),
	state = warnedOnce
): () => string {
	return () => {
		try {
			return getClientAddress();
		} catch (err) {
			const address = connectionAddress();
			if (!address) throw err;
			if (!state.done) {
				state.done = true;
				warn(
					{ header: process.env.ADDRESS_HEADER },
					'ADDRESS_HEADER is set but a request came without that header; using the connection address instead. Check the proxy in front of Homeward.'
				);
			}
			return address;
		}
	};
}

/** Makes every later `event.getClientAddress()` in this request use the fallback. */
export function useAddressFallback(event: RequestEvent) {
	const req = (event.platform as { req?: IncomingMessage } | undefined)?.req;
	event.getClientAddress = withAddressFallback(event.getClientAddress, () => req?.socket?.remoteAddress);
}
