// A workshop guest's cookie: an opaque random token whose hash identifies the guest, bound to one room and expiring
// with it, never readable by scripts. It is sent everywhere on the site so that the hooks can refuse a guest every
// page but their own room's (see src/hooks.server.ts), not so that it opens anything else.
import type { Cookies } from '@sveltejs/kit';
import { hashToken } from '$lib/server/ids';
import { guestByToken, type GuestSession } from './guests';

export const GUEST_COOKIE = 'homeward_room';

export function setGuestCookie(cookies: Cookies, url: URL, token: string, expires: Date) {
	cookies.set(GUEST_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires });
}

export function deleteGuestCookie(cookies: Cookies) {
	cookies.delete(GUEST_COOKIE, { path: '/' });
}

/** The guest this browser joined a room as, or null (no cookie, or a token nobody holds). */
export async function guestFromCookies(cookies: Cookies): Promise<GuestSession | null> {
	const token = cookies.get(GUEST_COOKIE);
	if (!token || token.length > 64) return null;
	return guestByToken(hashToken(token));
}
