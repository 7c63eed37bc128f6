import type { SessionUser, Session } from '$lib/server/auth/session';
import type { AreaContext } from '$lib/server/areas';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** Area lookups already made in this request, by slug (see requireArea). */
			areaAccess: Map<string, Promise<AreaContext | null>>;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
