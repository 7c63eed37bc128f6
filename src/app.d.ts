import type { SessionUser, Session } from '$lib/server/auth/session';
import type { AreaContext } from '$lib/server/areas';
import type { GuestSession } from '$lib/server/rooms/guests';
import type { Seeded } from '$lib/server/welcome.js';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** Area lookups already made in this request, by slug (see requireArea). */
			areaAccess: Map<string, Promise<AreaContext | null>>;
			/** The workshop room guest this browser joined as (see src/lib/server/rooms), or null. */
			guest: GuestSession | null;
			/** A drawing for the page's slot, set by a load (see $lib/server/map/drawing). */
			drawing?: Uint8Array;
		}
		interface Error {
			message: string;
		}
	}
	namespace NodeJS {
		interface Process {
			/** The app hands the demo logins it seeded to scripts/server.js, which prints them once it listens. */
			emit(event: 'homeward:seeded', seeded: Seeded | null): boolean;
		}
	}
}

export {};
