// Area backup and restore: one area's map (actors, positions, handoffs, snapshots) and action plan (actions, their
// handoff links and update history) as one versioned JSON file with a SHA-256 checksum, imported elsewhere as a new
// area. Admin only.
//
// Lossless for the area's content. Not carried: ids (the file uses references; import makes new ids), the people
// (accounts differ between installations: owners, authors and creators are left empty and the importing admin
// leads the new area), the area's web address (chosen at import), row versions, and when actors and handoffs were
// created or last edited. Exporting an imported area gives the same file apart from `exportedAt` and `checksum`.
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '$lib/server/db';
import {
	actionLinks,
	actionUpdates,
	actions,
	areas,
	mapActorPositions,
	mapActors,
	mapHandoffs,
	mapSnapshots
} from '$lib/server/db/schema';
import { newId } from '$lib/server/ids';
import { audit } from '$lib/server/audit';
import { InputError, NotFoundError } from '$lib/server/errors';
import { addLead } from '$lib/server/areas';
import type { SessionUser } from '$lib/server/auth/session';
import { BACKUP_FORMAT, BACKUP_VERSION, canonicalJson, refsFor } from '$lib/domain/backup';
import { AUDIENCES, KINDS, PASSES, RATINGS, SECTORS, STAGES } from '$lib/domain/map/enums';
import { ACTION_STATUSES, PRIORITIES } from '$lib/domain/actions';
import { AREA_STATUSES } from '$lib/domain/roles';
import type { MapData } from '$lib/domain/map/types';

const text = (max: number) => z.string().max(max);
const ref = z.string().regex(/^[a-z]\d{1,6}$/);
const instant = z.iso.datetime({ offset: true });

const actorSchema = z
	.object({
		ref,
		name: text(120).min(1),
		sector: z.enum(SECTORS),
		kind: z.enum(KINDS),
		description: text(4000),
		audience: z.enum(AUDIENCES),
		position: z.object({ x: z.number().min(0).max(10000), y: z.number().min(0).max(10000) }).strict().nullable()
	})
	.strict();
const handoffFields = {
	label: text(160).min(1),
	stage: z.enum(STAGES),
	passes: z.enum(PASSES),
	trigger: text(4000),
	standard: text(4000),
	audience: z.enum(AUDIENCES),
	rating: z.enum(RATINGS),
	evidence: text(4000),
	notes: text(4000),
	isGap: z.boolean()
};
const handoffSchema = z.object({ ref, from: ref, to: ref, ...handoffFields }).strict();
const snapshotSchema = z
	.object({
		name: text(80).min(1),
		createdAt: instant,
		actors: z.array(actorSchema.omit({ position: true })).max(5000),
		handoffs: z.array(handoffSchema).max(20000)
	})
	.strict();
const updateSchema = z
	.object({
		body: text(10000),
		statusFrom: z.enum(ACTION_STATUSES).nullable(),
		statusTo: z.enum(ACTION_STATUSES).nullable(),
		createdAt: instant
	})
	.strict();
const actionSchema = z
	.object({
		title: text(200).min(1),
		description: text(10000),
		ownerActor: ref.nullable(),
		dueDate: z.iso.date().nullable(),
		status: z.enum(ACTION_STATUSES),
		priority: z.enum(PRIORITIES),
		createdAt: instant,
		updatedAt: instant,
		handoffs: z.array(ref).max(1000),
		updates: z.array(updateSchema).max(10000)
	})
	.strict();

export const backupSchema = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		version: z.number().int(),
		exportedAt: instant,
		area: z
			.object({
				name: text(120).min(1),
				policeForce: text(160).min(1),
				localAuthorities: text(400),
				status: z.enum(AREA_STATUSES),
				description: text(4000)
			})
			.strict(),
		map: z
			.object({ actors: z.array(actorSchema).max(5000), handoffs: z.array(handoffSchema).max(20000), snapshots: z.array(snapshotSchema).max(500) })
			.strict(),
		actions: z.array(actionSchema).max(10000),
		checksum: z.string()
	})
	.strict();

export type AreaBackup = z.infer<typeof backupSchema>;

const digest = (payload: unknown) => `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}`;
const iso = (d: Date) => d.toISOString();
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The area as a backup file: references instead of ids, in an order that depends on the content alone. */
export async function exportArea(actor: SessionUser, slug: string, now = new Date()): Promise<AreaBackup> {
	if (actor.role !== 'admin') throw new NotFoundError();
	const [area] = await db.select().from(areas).where(eq(areas.slug, slug));
	if (!area) throw new NotFoundError();
	const [actorRows, positionRows, handoffRows, snapshotRows, actionRows, updateRows, linkRows] = await Promise.all([
		db.select().from(mapActors).where(eq(mapActors.areaId, area.id)),
		db.select().from(mapActorPositions).where(eq(mapActorPositions.areaId, area.id)),
		db.select().from(mapHandoffs).where(eq(mapHandoffs.areaId, area.id)),
		db.select().from(mapSnapshots).where(eq(mapSnapshots.areaId, area.id)).orderBy(asc(mapSnapshots.createdAt), asc(mapSnapshots.name)),
		db.select().from(actions).where(eq(actions.areaId, area.id)),
		db.select().from(actionUpdates).where(eq(actionUpdates.areaId, area.id)),
		db.select().from(actionLinks).where(eq(actionLinks.areaId, area.id))
	]);

	// Live actors by name (unique in an area), then any actor known only to a snapshot, in snapshot order.
	const liveActors = [...actorRows].sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()));
	const actorRef = refsFor(liveActors.map((a) => a.id), 'a');
	const nameOf = (id: string) => liveActors.find((a) => a.id === id)?.name.toLowerCase() ?? '';
	const handoffKey = (h: { fromActorId: string; toActorId: string; label: string }) =>
		`${nameOf(h.fromActorId)}\u0000${nameOf(h.toActorId)}\u0000${h.label.toLowerCase()}`;
	const liveHandoffs = [...handoffRows].sort((a, b) => byText(handoffKey(a), handoffKey(b)));
	const handoffRef = refsFor(liveHandoffs.map((h) => h.id), 'h');
	for (const snapshot of snapshotRows) {
		const data = snapshot.data as MapData;
		for (const a of [...data.actors].sort((x, y) => byText(x.name.toLowerCase(), y.name.toLowerCase()))) {
			if (!actorRef.has(a.id)) actorRef.set(a.id, `a${actorRef.size + 1}`);
		}
		// By content, actors named by reference: ids of the source installation must not decide the order.
		const content = (h: (typeof data.handoffs)[number]) => canonicalJson({ ...h, id: '', fromActorId: actorRef.get(h.fromActorId), toActorId: actorRef.get(h.toActorId) });
		for (const h of [...data.handoffs].sort((x, y) => byText(content(x), content(y)))) {
			if (!handoffRef.has(h.id)) handoffRef.set(h.id, `h${handoffRef.size + 1}`);
		}
	}
	const aRef = (id: string) => actorRef.get(id) ?? 'a0';
	const position = new Map(positionRows.map((p) => [p.actorId, { x: p.x, y: p.y }]));
	const handoffOut = (h: Omit<(typeof handoffRows)[number], 'areaId' | 'createdAt' | 'updatedAt' | 'version'>) => ({
		ref: handoffRef.get(h.id)!,
		from: aRef(h.fromActorId),
		to: aRef(h.toActorId),
		label: h.label,
		stage: h.stage,
		passes: h.passes,
		trigger: h.trigger,
		standard: h.standard,
		audience: h.audience,
		rating: h.rating,
		evidence: h.evidence,
		notes: h.notes,
		isGap: h.isGap
	});
	const actorOut = (a: { id: string; name: string; sector: never | string; kind: string; description: string; audience: string }) => ({
		ref: aRef(a.id),
		name: a.name,
		sector: a.sector,
		kind: a.kind,
		description: a.description,
		audience: a.audience
	});
	const byRef = (x: { ref: string }, y: { ref: string }) => Number(x.ref.slice(1)) - Number(y.ref.slice(1));

	const actionsOut = actionRows.map((a) => ({
		title: a.title,
		description: a.description,
		ownerActor: a.ownerActorId ? aRef(a.ownerActorId) : null,
		dueDate: a.dueDate,
		status: a.status,
		priority: a.priority,
		createdAt: iso(a.createdAt),
		updatedAt: iso(a.updatedAt),
		handoffs: linkRows
			.filter((l) => l.actionId === a.id && l.handoffId)
			.map((l) => handoffRef.get(l.handoffId!)!)
			.sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))),
		updates: updateRows
			.filter((u) => u.actionId === a.id)
			.map((u) => ({ body: u.body, statusFrom: u.statusFrom, statusTo: u.statusTo, createdAt: iso(u.createdAt) }))
			.sort((x, y) => byText(canonicalJson(x), canonicalJson(y)))
	}));
	// Actions by when they were made, ties broken by their whole content: the same plan always lists the same way.
	actionsOut.sort((x, y) => byText(x.createdAt, y.createdAt) || byText(canonicalJson(x), canonicalJson(y)));

	const payload = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: iso(now),
		area: { name: area.name, policeForce: area.policeForce, localAuthorities: area.localAuthorities, status: area.status, description: area.description },
		map: {
			actors: liveActors.map((a) => ({ ...actorOut(a), position: position.get(a.id) ?? null })),
			handoffs: liveHandoffs.map(handoffOut),
			snapshots: snapshotRows.map((s) => {
				const data = s.data as MapData;
				return {
					name: s.name,
					createdAt: iso(s.createdAt),
					actors: data.actors.map(actorOut).sort(byRef),
					handoffs: data.handoffs.map(handoffOut).sort(byRef)
				};
			})
		},
		actions: actionsOut
	};
	return { ...payload, checksum: digest(payload) } as AreaBackup;
}

const REFUSED = 'This file cannot be restored';

/** Reads a backup file, refusing anything that is not a complete, unaltered backup this version understands. */
export function readBackup(textContent: string): AreaBackup {
	let raw: unknown;
	try {
		raw = JSON.parse(textContent);
	} catch {
		throw new InputError({ file: `${REFUSED}: it is not JSON. Choose the .json file Homeward downloaded.` });
	}
	const header = z.object({ format: z.string(), version: z.number() }).safeParse(raw);
	if (!header.success || header.data.format !== BACKUP_FORMAT) {
		throw new InputError({ file: `${REFUSED}: it is not a Homeward area backup.` });
	}
	if (header.data.version !== BACKUP_VERSION) {
		throw new InputError({ file: `${REFUSED}: it is version ${header.data.version} of the backup format; this Homeward reads version ${BACKUP_VERSION}.` });
	}
	const parsed = backupSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new InputError({ file: `${REFUSED}: ${issue.path.join('.') || 'the file'} is not valid (${issue.message}).` });
	}
	const { checksum, ...payload } = parsed.data;
	if (digest(payload) !== checksum) {
		throw new InputError({ file: `${REFUSED}: its checksum does not match its content, so it was changed or damaged after it was exported.` });
	}
	return parsed.data;
}

/**
 * Restores a backup as a new area with the given web address, in one transaction: a file whose references do not
 * hold together, or that breaks any rule of the database, imports nothing.
 */
export async function importArea(actor: SessionUser, textContent: string, slug: string) {
	if (actor.role !== 'admin') throw new NotFoundError();
	const backup = readBackup(textContent);
	const broken = (what: string) => new InputError({ file: `${REFUSED}: ${what}.` });
	const actorIds = new Map<string, string>();
	const handoffIds = new Map<string, string>();
	const idFor = (map: Map<string, string>, r: string) => map.get(r) ?? map.set(r, newId()).get(r)!;
	const liveActorRefs = new Set(backup.map.actors.map((a) => a.ref));
	if (liveActorRefs.size !== backup.map.actors.length) throw broken('two actors share a reference');
	for (const h of backup.map.handoffs) {
		if (!liveActorRefs.has(h.from) || !liveActorRefs.has(h.to)) throw broken(`handoff ${h.ref} names an actor that is not in the file`);
	}
	const liveHandoffRefs = new Set(backup.map.handoffs.map((h) => h.ref));
	for (const a of backup.actions) {
		if (a.ownerActor && !liveActorRefs.has(a.ownerActor)) throw broken(`action "${a.title}" is owned by an actor that is not in the file`);
		if (a.handoffs.some((h) => !liveHandoffRefs.has(h))) throw broken(`action "${a.title}" addresses a handoff that is not in the file`);
	}

	return db.transaction(async (tx) => {
		const [taken] = await tx.select({ id: areas.id }).from(areas).where(eq(areas.slug, slug));
		if (taken) throw new InputError({ slug: 'Another area already uses this web address. Choose another.' });
		const [area] = await tx.insert(areas).values({ id: newId(), slug, ...backup.area, createdBy: actor.id }).returning();
		await addLead(tx, actor, area.id);
		try {
			if (backup.map.actors.length) {
				await tx.insert(mapActors).values(
					backup.map.actors.map(({ ref: r, position: _p, ...a }) => ({ id: idFor(actorIds, r), areaId: area.id, ...a }))
				);
				const pinned = backup.map.actors.filter((a) => a.position);
				if (pinned.length) {
					await tx.insert(mapActorPositions).values(pinned.map((a) => ({ areaId: area.id, actorId: idFor(actorIds, a.ref), ...a.position! })));
				}
			}
			if (backup.map.handoffs.length) {
				await tx.insert(mapHandoffs).values(
					backup.map.handoffs.map(({ ref: r, from, to, ...h }) => ({
						id: idFor(handoffIds, r),
						areaId: area.id,
						fromActorId: idFor(actorIds, from),
						toActorId: idFor(actorIds, to),
						...h
					}))
				);
			}
			for (const s of backup.map.snapshots) {
				// Snapshots keep the same ids as the live map, so comparing a snapshot with the map still works.
				const data: MapData = {
					actors: s.actors.map(({ ref: r, ...a }) => ({ id: idFor(actorIds, r), ...a })),
					handoffs: s.handoffs.map(({ ref: r, from, to, ...h }) => ({ id: idFor(handoffIds, r), fromActorId: idFor(actorIds, from), toActorId: idFor(actorIds, to), ...h }))
				};
				await tx.insert(mapSnapshots).values({ id: newId(), areaId: area.id, name: s.name, data, createdAt: new Date(s.createdAt) });
			}
			for (const a of backup.actions) {
				const id = newId();
				await tx.insert(actions).values({
					id,
					areaId: area.id,
					title: a.title,
					description: a.description,
					ownerActorId: a.ownerActor ? idFor(actorIds, a.ownerActor) : null,
					dueDate: a.dueDate,
					status: a.status,
					priority: a.priority,
					createdAt: new Date(a.createdAt),
					updatedAt: new Date(a.updatedAt)
				});
				if (a.handoffs.length) {
					await tx.insert(actionLinks).values(a.handoffs.map((h) => ({ id: newId(), areaId: area.id, actionId: id, handoffId: idFor(handoffIds, h) })));
				}
				if (a.updates.length) {
					await tx.insert(actionUpdates).values(a.updates.map((u) => ({ id: newId(), areaId: area.id, actionId: id, ...u, createdAt: new Date(u.createdAt) })));
				}
			}
		} catch (err) {
			// A database rule the schema above cannot see (two actors with one name, a handoff to itself...).
			const detail = err instanceof Error ? ((err.cause as { message?: string } | undefined)?.message ?? err.message) : String(err);
			throw broken(`it breaks a rule of the area's data (${detail.split('\n')[0].slice(0, 200)})`);
		}
		await audit(tx, {
			actorId: actor.id,
			areaId: area.id,
			entity: 'area',
			entityId: area.id,
			action: 'restore',
			after: { ...area, actors: backup.map.actors.length, handoffs: backup.map.handoffs.length, actions: backup.actions.length }
		});
		return area;
	});
}

