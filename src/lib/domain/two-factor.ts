// When a signed-in user still owes a second factor.
import type { GlobalRole } from './roles';

export type TwoFactorStep = 'done' | 'verify' | 'setup';

/** Staff must use an authenticator when the setting requires it; partners may choose to. */
export function twoFactorRequired(role: GlobalRole, requireSetting: boolean) {
	return requireSetting && (role === 'admin' || role === 'consultant');
}

export function twoFactorStep(input: {
	role: GlobalRole;
	enrolled: boolean;
	verified: boolean;
	requireSetting: boolean;
}): TwoFactorStep {
	if (input.verified) return 'done';
	if (input.enrolled) return 'verify';
	return twoFactorRequired(input.role, input.requireSetting) ? 'setup' : 'done';
}

export const TOTP_RULE = { max: 5, windowMs: 15 * 60_000 };
