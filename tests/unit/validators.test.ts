import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/server/forms';
import { createAreaSchema } from '$lib/validators/areas';
import { acceptInvitationSchema, signInSchema } from '$lib/validators/auth';
import { isCommonPassword } from '$lib/server/auth/password';
import { bookingJoiningSchema } from '$lib/validators/bookings';

describe('form schemas', () => {
	it('normalises email addresses and rejects malformed ones', () => {
		expect(signInSchema.parse({ email: '  Casey@Example.ORG ', password: 'x' }).email).toBe('casey@example.org');
		const result = signInSchema.safeParse({ email: 'casey', password: 'x' });
		expect(result.success).toBe(false);
		expect(fieldErrors(result.error!)).toEqual({ email: 'Enter an email address in the format name@example.org.' });
	});

	it('rejects unknown fields with a form-level message', () => {
		const result = signInSchema.safeParse({ email: 'a@b.org', password: 'x', role: 'admin' });
		expect(fieldErrors(result.error!)._form).toContain('role');
	});

	it('accepts passwords of 8 to 256 characters of any kind, and checks the confirmation', () => {
		const base = { name: 'N', organisation: '' };
		expect(acceptInvitationSchema.safeParse({ ...base, password: 'sevench', confirmPassword: 'sevench' }).success).toBe(false);
		expect(acceptInvitationSchema.safeParse({ ...base, password: 'ééé ééé é', confirmPassword: 'ééé ééé é' }).success).toBe(true);
		const long = 'x'.repeat(257);
		expect(acceptInvitationSchema.safeParse({ ...base, password: long, confirmPassword: long }).success).toBe(false);
		const mismatch = acceptInvitationSchema.safeParse({ ...base, password: 'abcdefgh', confirmPassword: 'abcdefgi' });
		expect(fieldErrors(mismatch.error!).confirmPassword).toBe('The two passwords do not match.');
	});

	it('requires a slug of lower-case words joined by hyphens', () => {
		const area = { name: 'A', policeForce: 'P', status: 'active' };
		expect(createAreaSchema.safeParse({ ...area, slug: 'north-vale' }).success).toBe(true);
		for (const slug of ['North Vale', 'a', '-north', 'north--vale', 'north_vale']) {
			expect(createAreaSchema.safeParse({ ...area, slug }).success, slug).toBe(false);
		}
	});
});

describe('common passwords', () => {
	it('refuses well-known passwords whatever their case, and allows uncommon ones', () => {
		expect(isCommonPassword('password')).toBe(true);
		expect(isCommonPassword('Password1')).toBe(true);
		expect(isCommonPassword('iloveyou1')).toBe(true);
		expect(isCommonPassword('kettle orchard lantern')).toBe(false);
	});
});

describe('joining details', () => {
	const parse = (v: Record<string, string>) => bookingJoiningSchema.safeParse({ version: '3', ...v });
	it('asks for what the chosen kind needs, a video link starting https://', () => {
		expect(parse({ joiningKind: 'video', joiningDetail: '' }).success).toBe(false);
		expect(fieldErrors(parse({ joiningKind: 'video', joiningDetail: 'meet.example.test/x' }).error!).joiningDetail).toContain('https://');
		expect(parse({ joiningKind: 'video', joiningDetail: 'https://meet.example.test/x' }).success).toBe(true);
		expect(parse({ joiningKind: 'phone', joiningDetail: '0161 496 0000' }).success).toBe(true);
		expect(fieldErrors(parse({ joiningKind: 'place', joiningDetail: '' }).error!).joiningDetail).toBe('Enter the address of the place.');
	});
	it('takes no kind as "use the default", but not details without a kind', () => {
		expect(parse({ joiningKind: '', joiningDetail: '' }).success).toBe(true);
		expect(fieldErrors(parse({ joiningKind: '', joiningDetail: 'somewhere' }).error!).joiningKind).toBeDefined();
		expect(parse({ joiningKind: 'carrier-pigeon', joiningDetail: 'x' }).success).toBe(false);
	});
});
