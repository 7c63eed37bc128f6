import { describe, expect, it } from 'vitest';
import { twoFactorRequired, twoFactorStep } from '$lib/domain/two-factor';

describe('two-factor sign-in', () => {
	it('is required of staff when the setting is on, and optional for partners', () => {
		expect(twoFactorRequired('admin', true)).toBe(true);
		expect(twoFactorRequired('consultant', true)).toBe(true);
		expect(twoFactorRequired('partner', true)).toBe(false);
		expect(twoFactorRequired('consultant', false)).toBe(false);
	});

	it('asks for a code from the enrolled, set-up from unenrolled staff, and nothing once verified', () => {
		const base = { verified: false, requireSetting: true };
		expect(twoFactorStep({ ...base, role: 'partner', enrolled: true })).toBe('verify');
		expect(twoFactorStep({ ...base, role: 'partner', enrolled: false })).toBe('done');
		expect(twoFactorStep({ ...base, role: 'consultant', enrolled: false })).toBe('setup');
		expect(twoFactorStep({ ...base, role: 'consultant', enrolled: false, requireSetting: false })).toBe('done');
		expect(twoFactorStep({ ...base, role: 'admin', enrolled: true, verified: true })).toBe('done');
	});
});
