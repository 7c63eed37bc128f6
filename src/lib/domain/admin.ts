// Pure rules behind the admin pages: what each rate limit counts by, and the before/after comparison of an audit row.
import {
	BOOKING_PER_ADDRESS,
	ENQUIRY_PER_ADDRESS,
	HERO_SIGN_UP_PER_ADDRESS,
	PASSWORD_CHANGE_PER_ACCOUNT,
	RESET_PER_ACCOUNT,
	RESET_PER_ADDRESS,
	SIGHTING_PER_ADDRESS,
	SIGN_IN_PER_ACCOUNT,
	SIGN_IN_PER_ADDRESS,
	backoffRetryAfter,
	windowRetryAfter,
	type BackoffRule,
	type WindowRule
} from './rate-limit';
import { TOTP_RULE } from './two-factor';

/** What a rate limit's key is: a client's network address, or an account (an email address or a user id). */
export type KeyKind = 'address' | 'account';
export const KEY_KINDS: readonly KeyKind[] = ['address', 'account'];
export const KEY_KIND_LABELS: Record<KeyKind, string> = { address: 'Network address', account: 'Account' };

/** Every rate limit Homeward counts (see $lib/server/auth/rate-limit callers), what it protects and what its key is. */
export const RATE_LIMIT_BUCKETS: Record<string, { label: string; kind: KeyKind }> = {
	'sign-in:address': { label: 'Sign-in, per address', kind: 'address' },
	'sign-in:account': { label: 'Failed sign-in, per account', kind: 'account' },
	'two-factor': { label: 'Authenticator code, per account', kind: 'account' },
	'password-change': { label: 'Password change, per account', kind: 'account' },
	'reset:address': { label: 'Password reset, per address', kind: 'address' },
	'reset:account': { label: 'Password reset, per account', kind: 'account' },
	booking: { label: 'Consultation booking, per address', kind: 'address' },
	'hero-sign-up': { label: 'Search Heroes sign-up, per address', kind: 'address' },
	sighting: { label: 'Sighting report, per address', kind: 'address' },
	enquiry: { label: 'Partner enquiry, per address', kind: 'address' }
};

/** The rule each listed limit applies (see the callers of $lib/server/auth/rate-limit), to tell an admin who is held back now. */
const BUCKET_RULES: Record<string, { window: WindowRule } | { backoff: BackoffRule }> = {
	'sign-in:address': { window: SIGN_IN_PER_ADDRESS },
	'sign-in:account': { backoff: SIGN_IN_PER_ACCOUNT },
	'two-factor': { window: TOTP_RULE },
	'password-change': { window: PASSWORD_CHANGE_PER_ACCOUNT },
	'reset:address': { window: RESET_PER_ADDRESS },
	'reset:account': { window: RESET_PER_ACCOUNT },
	booking: { window: BOOKING_PER_ADDRESS },
	'hero-sign-up': { window: HERO_SIGN_UP_PER_ADDRESS },
	sighting: { window: SIGHTING_PER_ADDRESS },
	enquiry: { window: ENQUIRY_PER_ADDRESS }
};

/** The longest window any listed rule looks back over: older attempts cannot be holding anyone back. */
export const LONGEST_RULE_MS = Math.max(
	...Object.values(BUCKET_RULES).map((r) => ('window' in r ? r.window.windowMs : r.backoff.windowMs))
);

/** Seconds the key must still wait under its bucket's rule, given its counted attempts; 0 when free (or unknown). */
export function limitedFor(bucket: string, attempts: Date[], now: number): number {
	const rule = BUCKET_RULES[bucket];
	if (!rule) return 0;
	return 'window' in rule ? windowRetryAfter(attempts, rule.window, now) : backoffRetryAfter(attempts, rule.backoff, now);
}

export function bucketsOfKind(kind: KeyKind): string[] {
	return Object.entries(RATE_LIMIT_BUCKETS)
		.filter(([, b]) => b.kind === kind)
		.map(([name]) => name);
}

export function bucketLabel(bucket: string): string {
	return RATE_LIMIT_BUCKETS[bucket]?.label ?? bucket;
}

export interface DiffLine {
	field: string;
	before: string | null;
	after: string | null;
	changed: boolean;
}

function show(value: unknown): string | null {
	if (value === undefined) return null;
	if (value === null) return '(empty)';
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

/**
 * The fields of an audit row's before and after side by side, in the order they first appear, each marked changed or
 * not. A field absent on one side shows as null there (e.g. everything on a create).
 */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
	const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
	const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
	const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
	return fields.map((field) => {
		const left = field in b ? show(b[field]) : null;
		const right = field in a ? show(a[field]) : null;
		return { field, before: left, after: right, changed: left !== right };
	});
}
