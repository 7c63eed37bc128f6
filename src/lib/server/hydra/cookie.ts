// The syndicate's cookie: an opaque random token whose hash identifies the syndicate. It lives for one training day,
// is sent only to /hydra pages, and is never readable by scripts.
import type { Cookies } from '@sveltejs/kit';
import { hashToken } from '$lib/server/ids';
import { syndicateByToken, type SyndicateSession } from './syndicates';

export const SYNDICATE_COOKIE = 'homeward_hydra';
const TWELVE_HOURS = 12 * 60 * 60;

export function setSyndicateCookie(cookies: Cookies, url: URL, token: string) {
	cookies.set(SYNDICATE_COOKIE, token, { path: '/hydra', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: TWELVE_HOURS });
}

/** The syndicate this browser joined as, or null (no cookie, or a token nobody holds any more). */
export async function syndicateFromCookies(cookies: Cookies): Promise<SyndicateSession | null> {
	const token = cookies.get(SYNDICATE_COOKIE);
	if (!token || token.length > 64) return null;
	return syndicateByToken(hashToken(token));
}
