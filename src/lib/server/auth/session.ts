// Sessions in Lucia's design: a random token in the cookie, only its SHA-256 hash in the database, with an idle
// timeout and an absolute lifetime.
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, preparedOnce, type Executor } from '$lib/server/db';
import { sessions, users } from '$lib/server/db/schema';
import { config } from '$lib/server/config';
import { hashToken, newToken } from '$lib/server/ids';
import type { GlobalRole } from '$lib/domain/roles';

const DAY = 24 * 60 * 60 * 1000;
// Sliding the idle expiry costs a write; doing it at most hourly keeps requests read-only most of the time.
const REFRESH_AFTER = 60 * 60 * 1000;

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	absoluteExpiresAt: Date;
	/** The second factor was given for this session (or the user has none to give). */
	twoFactorVerified: boolean;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	organisation: string;
	role: GlobalRole;
	twoFactorEnabled: boolean;
}

export async function createSession(userId: string, executor: Executor = db, options = { twoFactorVerified: false }) {
	const token = newToken();
	const now = Date.now();
	const absoluteExpiresAt = new Date(now + config.sessionMaxDays * DAY);
	const expiresAt = new Date(Math.min(now + config.sessionIdleDays * DAY, absoluteExpiresAt.getTime()));
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt,
		absoluteExpiresAt,
		twoFactorVerified: options.twoFactorVerified
	};
	await executor.insert(sessions).values({ ...session, createdAt: new Date(now) });
	return { token, session };
}

// The one query every signed-in request makes.
const lookup = preparedOnce((database) =>
	database
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				organisation: users.organisation,
				role: users.role,
				twoFactorEnabled: sql<boolean>`${users.totpKey} is not null`,
				disabledAt: users.disabledAt
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare('session_lookup')
);

/**
 * The session and its user for a token, sliding the idle expiry; null when unknown, expired or the user disabled.
 * `slid` says the idle expiry moved, so the cookie's must too. `{ slide: false }` only looks (an open event stream
 * asking again must not keep an idle session alive).
 */
export async function validateSessionToken(
	token: string,
	{ slide = true }: { slide?: boolean } = {}
): Promise<{ session: Session; user: SessionUser; slid: boolean } | null> {
	const id = hashToken(token);
	const [row] = await lookup().execute({ id });
	if (!row) return null;
	const now = Date.now();
	const { session, user } = row;
	if (user.disabledAt || now >= session.expiresAt.getTime() || now >= session.absoluteExpiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const idleExpiry = Math.min(now + config.sessionIdleDays * DAY, session.absoluteExpiresAt.getTime());
	const slid = slide && idleExpiry - session.expiresAt.getTime() >= REFRESH_AFTER;
	if (slid) {
		session.expiresAt = new Date(idleExpiry);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	const { disabledAt: _disabled, ...sessionUser } = user;
	return {
		session: {
			id: session.id,
			userId: session.userId,
			expiresAt: session.expiresAt,
			absoluteExpiresAt: session.absoluteExpiresAt,
			twoFactorVerified: session.twoFactorVerified
		},
		user: sessionUser,
		slid
	};
}

export async function invalidateSession(sessionId: string) {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(userId: string, executor: Executor = db) {
	await executor.delete(sessions).where(eq(sessions.userId, userId));
}

/** `__Host-` requires Secure, so it is used only when the site is served over https. */
export function sessionCookieName(url: URL) {
	return url.protocol === 'https:' ? '__Host-homeward_session' : 'homeward_session';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(sessionCookieName(url), { path: '/', secure: url.protocol === 'https:' });
}
