// The arithmetic of Homeward's rate limits: pure, so that the rules can be tested without a clock or a database.

export interface WindowRule {
	/** Attempts allowed within the window. */
	max: number;
	windowMs: number;
}

/**
 * Seconds to wait before another attempt is allowed under a sliding window, given the times of the attempts already
 * counted in it (any order); 0 when allowed now.
 */
export function windowRetryAfter(attempts: Date[], rule: WindowRule, now: number): number {
	const inWindow = attempts.map((a) => a.getTime()).filter((t) => t > now - rule.windowMs).sort((a, b) => a - b);
	if (inWindow.length < rule.max) return 0;
	// The attempt that must leave the window before one more is allowed.
	const blocking = inWindow[inWindow.length - rule.max];
	return Math.max(1, Math.ceil((blocking + rule.windowMs - now) / 1000));
}

/** A wait in words, rounded up to whole minutes past the first minute. */
export function describeWait(seconds: number) {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export interface BackoffRule {
	/** Failures tolerated before any delay. */
	free: number;
	baseSeconds: number;
	maxSeconds: number;
	windowMs: number;
}

/** Delay in seconds after `failures` recent failures, doubling past the free allowance, capped. */
export function backoffSeconds(failures: number, rule: BackoffRule): number {
	if (failures < rule.free) return 0;
	return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.free));
}

/** Seconds still to wait after the latest failure under a growing delay; 0 when allowed now. */
export function backoffRetryAfter(failures: Date[], rule: BackoffRule, now: number): number {
	const recent = failures.map((f) => f.getTime()).filter((t) => t > now - rule.windowMs);
	const delay = backoffSeconds(recent.length, rule);
	if (delay === 0) return 0;
	const wait = Math.ceil((Math.max(...recent) + delay * 1000 - now) / 1000);
	return Math.max(0, wait);
}

export const SIGN_IN_PER_ADDRESS: WindowRule = { max: 10, windowMs: 60_000 };
export const SIGN_IN_PER_ACCOUNT: BackoffRule = { free: 10, baseSeconds: 30, maxSeconds: 15 * 60, windowMs: 60 * 60_000 };
export const PASSWORD_CHANGE_PER_ACCOUNT: WindowRule = { max: 5, windowMs: 15 * 60_000 };
export const RESET_PER_ADDRESS: WindowRule = { max: 5, windowMs: 15 * 60_000 };
export const RESET_PER_ACCOUNT: WindowRule = { max: 3, windowMs: 60 * 60_000 };
export const BOOKING_PER_ADDRESS: WindowRule = { max: 5, windowMs: 60 * 60_000 };

// Public forms: enough for a person who makes a mistake, too few for a script.
export const HERO_SIGN_UP_PER_ADDRESS: WindowRule = { max: 5, windowMs: 15 * 60_000 };
export const SIGHTING_PER_ADDRESS: WindowRule = { max: 5, windowMs: 15 * 60_000 };
export const ENQUIRY_PER_ADDRESS: WindowRule = { max: 5, windowMs: 60 * 60_000 };
export const HYDRA_REQUEST_PER_ADDRESS: WindowRule = { max: 5, windowMs: 60 * 60_000 };
// A workshop room often shares one address (the venue's wifi): enough for a large workshop, too few for a script.
export const SURVEY_ANSWER_PER_ADDRESS: WindowRule = { max: 60, windowMs: 15 * 60_000 };
// Hydra syndicates join from one venue's wifi too: a room of a dozen teams, with room for mistyped codes.
export const HYDRA_JOIN_PER_ADDRESS: WindowRule = { max: 30, windowMs: 15 * 60_000 };
// A workshop room of 80 joins from one venue's wifi: every guest once, with room for mistyped codes and re-joins.
export const ROOM_JOIN_PER_ADDRESS: WindowRule = { max: 160, windowMs: 15 * 60_000 };
