// Who may reach each part of /app. Every route found in the tree falls under one of these rules; a route no rule
// matches fails the matrix, so a new route cannot ship without saying who may use it.
import type { AreaRole } from '$lib/domain/roles';

export type Subject = 'signedOut' | 'outsider' | 'viewer' | 'editor' | 'lead' | 'consultant' | 'admin';

/** The seeded accounts playing each subject against the `northbrook` area. */
export const SUBJECTS: Record<Exclude<Subject, 'signedOut'>, string> = {
	outsider: 'partner.south@homeward.test', // editor of southmere only
	viewer: 'viewer.north@homeward.test',
	editor: 'partner.north@homeward.test',
	lead: 'consultant@homeward.test', // consultant who leads northbrook
	consultant: 'consultant2@homeward.test', // consultant outside northbrook
	admin: 'admin@homeward.test'
};

const AREA_RANK: Record<Subject, number> = {
	signedOut: -1,
	outsider: -1,
	consultant: -1,
	viewer: 0,
	editor: 1,
	lead: 2,
	admin: 2
};
const STAFF: Subject[] = ['lead', 'consultant', 'admin'];
const PARTNERS: Subject[] = ['outsider', 'viewer', 'editor'];

export type Audience =
	| { kind: 'signedIn' }
	/** Staff who own the thing (and admins); other staff get 404, everyone else 403. */
	| { kind: 'owned'; owners: Subject[] }
	| { kind: 'global'; subjects: Subject[] }
	| { kind: 'area'; minimum: AreaRole; staffOnly?: boolean };

export const area = (minimum: AreaRole, staffOnly = false): Audience => ({ kind: 'area', minimum, staffOnly });
const staff: Audience = { kind: 'global', subjects: STAFF };
const admins: Audience = { kind: 'global', subjects: ['admin'] };
const signedIn: Audience = { kind: 'signedIn' };
// The sample consultation is the demo consultant's, who plays `lead`.
const ownedByLead: Audience = { kind: 'owned', owners: ['lead', 'admin'] };

interface Rule {
	route: RegExp;
	/** Who may read the page, its data and GET endpoints. */
	read: Audience;
	/** Who may use form actions and other methods; per action name where they differ. */
	write: Audience | Record<string, Audience>;
}

// First match wins.
export const RULES: Rule[] = [
	{ route: /^\/app\/admin(\/|$)/, read: admins, write: admins },
	{ route: /^\/app\/consultations\/\[id\]$/, read: ownedByLead, write: ownedByLead },
	{ route: /^\/app\/consultations(\/|$)/, read: staff, write: staff },
	// A Hydra debrief's learning points and its PDF are staff work; making a point an action also needs the area's own
	// editor role, which the verb checks (an empty post is refused by validation before that).
	{ route: /^\/app\/hydra\/exercises\/\[id\]\/(learning|debrief\.pdf)$/, read: staff, write: staff },
	// The public front door's inboxes, appeals and the partner pipeline are worked by staff.
	{ route: /^\/app\/(appeals|enquiries|pipeline|sightings)(\/|$)/, read: staff, write: staff },
	// Hydra training's hub, scenario library, events and requests inbox are staff's (exercises have their own rules).
	{ route: /^\/app\/hydra$/, read: staff, write: staff },
	{ route: /^\/app\/hydra\/(scenarios|events|requests)(\/|$)/, read: staff, write: staff },
	{ route: /^\/app\/areas\/new$/, read: staff, write: staff },
	// Hydra live exercises: control, plenary and their event streams are run by any consultant or admin.
	{ route: /^\/app\/hydra\/exercises(\/|$)/, read: staff, write: staff },
	{
		route: /^\/app\/areas\/\[slug\]\/members$/,
		read: area('viewer'),
		write: area('lead', true)
	},
	{ route: /^\/app\/areas\/\[slug\]$/, read: area('viewer'), write: { update: area('lead') } },
	// Adding and importing actions are editors' pages: a viewer is not shown the form at all.
	{ route: /^\/app\/areas\/\[slug\]\/actions\/(new|import)$/, read: area('editor'), write: area('editor') },
	// The facilitator (a lead) steps through present mode and runs votes; every member, viewers too, places dots.
	{ route: /^\/app\/areas\/\[slug\]\/(present|votes)$/, read: area('viewer'), write: area('lead') },
	{ route: /^\/app\/areas\/\[slug\]\/votes\/\[id\]$/, read: area('viewer'), write: { dot: area('viewer'), close: area('lead'), reveal: area('lead') } },
	// Workshop rooms: the area's members read the list and each room's record; its leads open, facilitate and close rooms.
	{ route: /^\/app\/areas\/\[slug\]\/rooms(\/\[room\])?$/, read: area('viewer'), write: area('lead') },
	// Everyone in the area reads the plan; its lead issues numbered versions and records each organisation's sign-off.
	{ route: /^\/app\/areas\/\[slug\]\/plan$/, read: area('viewer'), write: area('lead') },
	// Adding a mental model and opening a survey round are editors' pages too.
	{ route: /^\/app\/areas\/\[slug\]\/models\/(new|rounds\/new)$/, read: area('editor'), write: area('editor') },
	{ route: /^\/app\/areas\/\[slug\]\//, read: area('viewer'), write: area('editor') },
	// Staff must keep their authenticator; only partners may remove theirs.
	{ route: /^\/app\/account$/, read: signedIn, write: { password: signedIn, removeTwoFactor: { kind: 'global', subjects: PARTNERS } } },
	{ route: /^\/app$/, read: signedIn, write: signedIn }
];

export function audienceFor(routeId: string, action?: string): Audience | null {
	const rule = RULES.find((r) => r.route.test(routeId));
	if (!rule) return null;
	if (action === undefined) return rule.read;
	if ('kind' in rule.write) return rule.write as Audience;
	return (rule.write as Record<string, Audience>)[action] ?? null;
}

export type Outcome = 'sign-in' | 'not-found' | 'forbidden' | 'allowed';

/** What a subject must get: sign-in for the signed out, 404 outside an area, 403 outside a global role. */
export function expected(audience: Audience, subject: Subject): Outcome {
	if (subject === 'signedOut') return 'sign-in';
	switch (audience.kind) {
		case 'signedIn':
			return 'allowed';
		case 'global':
			return audience.subjects.includes(subject) ? 'allowed' : 'forbidden';
		case 'owned':
			return audience.owners.includes(subject) ? 'allowed' : STAFF.includes(subject) ? 'not-found' : 'forbidden';
		case 'area': {
			const rank = { viewer: 0, editor: 1, lead: 2 }[audience.minimum];
			const ok = AREA_RANK[subject] >= rank && (!audience.staffOnly || STAFF.includes(subject));
			return ok ? 'allowed' : 'not-found';
		}
	}
}

/** Where the matrix finds a real link for a route's parameters, when it is not on the page just above the route. */
export const SAMPLE_FROM: Record<string, string> = {
	'/app/areas/[slug]/map/export/[file]': '/app/areas/[slug]/map/exchange',
	'/app/consultations/[id]': '/app/consultations?when=past'
};
