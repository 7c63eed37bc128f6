// When the outbox worker tries a message again after a failed send: doubling from 30 s, capped at an hour, and
// given up (status failed, still readable in the admin mailbox) after MAX_ATTEMPTS.

export const MAX_ATTEMPTS = 10;

/** Seconds to wait after the `attempts`-th failed attempt. */
export function retryDelaySeconds(attempts: number): number {
	return Math.min(60 * 60, 30 * 2 ** Math.max(0, attempts - 1));
}

export function shouldGiveUp(attempts: number): boolean {
	return attempts >= MAX_ATTEMPTS;
}
