// The action plan's workshop record: a chosen room's people, notes by what they were on (held ones never), revealed
// votes and accepted proposals, in the plan model and in the PDF, a section whose tables keep their titles.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { hashToken, newToken } from '$lib/server/ids';
import { NotFoundError } from '$lib/server/errors';
import { createActor } from '$lib/server/map';
import { closeRoom, decideProposal, openRoom, removeGuest } from '$lib/server/rooms';
import { addNote, guestByToken, joinRoom, moveGuestDot, proposeActor, proposeHandoff } from '$lib/server/rooms/guests';
import { openVote, revealVote } from '$lib/server/workshops';
import { planModel, sectionsOf } from '$lib/server/plan/model';
import { actionPlanPdf } from '$lib/server/pdf/plan';
import type { AreaContext } from '$lib/server/areas';
import { useTestDatabase } from '../helpers/database';
import { addMember, makeArea, makeUser } from '../helpers/factories';
import { pdfOutline, pdfPages, pdfTextRuns } from '../helpers/pdf';

useTestDatabase();

const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
let address = 0;

async function leadOf(area: Awaited<ReturnType<typeof makeArea>>): Promise<AreaContext> {
	const user = await makeUser('consultant');
	await addMember(area.id, user.id, 'lead');
	return { area, role: 'lead', user };
}

async function guestIn(code: string, displayName: string, organisation: string) {
	const token = newToken();
	await joinRoom(code, { displayName, organisation }, hashToken(token), `10.9.0.${++address}`);
	return (await guestByToken(hashToken(token)))!;
}

/** A workshop that ran: three guests (one removed), notes (one held), a revealed and a hidden vote, proposals decided. */
async function workshopThatRan(manyNotes = 0) {
	const area = await makeArea();
	const lead = await leadOf(area);
	const police = await createActor(lead, { name: 'Northbrook Police', sector: 'police', kind: 'organisation', audience: 'both', description: '' });
	const school = await createActor(lead, { name: 'Ashdale Academy', sector: 'education', kind: 'organisation', audience: 'both', description: '' });
	const room = await openRoom(lead, { title: 'Northbrook, workshop 4', startsAt: hours(-1), endsAt: hours(1) });
	const asha = await guestIn(room.code, 'Asha', 'Northbrook Police');
	const ben = await guestIn(room.code, 'Ben', 'Ashdale Academy');
	const cara = await guestIn(room.code, 'Cara', 'Youth service');
	await addNote(asha, { kind: 'works', targetKind: 'stage', targetId: 'during', text: 'The daily call between police and school works.' });
	await addNote(ben, { kind: 'breaks', targetKind: 'stage', targetId: 'return', text: 'Return interviews reach school weeks late.' });
	await addNote(asha, { kind: 'idea', targetKind: 'stage', targetId: 'return', text: 'Copy the school’s safeguarding lead in.' });
	await addNote(cara, { kind: 'breaks', targetKind: 'actor', targetId: school.id, text: 'Nobody at the academy knows who to call.' });
	await addNote(ben, { kind: 'idea', targetKind: 'stage', targetId: 'before', text: 'Ring her dad on 07700 900123 first.' });
	for (let i = 1; i <= manyNotes; i++)
		await addNote(i % 2 ? asha : ben, { kind: i % 3 ? 'breaks' : 'works', targetKind: 'actor', targetId: police.id, text: `Observation ${i} about how the missing persons unit shares what it knows with partners across the area.` });
	await removeGuest(lead, room.id, cara.guest.id);

	const shown = await openVote(lead, { question: 'Who should act first?', scope: 'actors', dots: 2, roomId: room.id, minutes: 5 });
	await moveGuestDot(asha, { voteId: shown.id, itemId: school.id, change: 1 });
	await moveGuestDot(asha, { voteId: shown.id, itemId: school.id, change: 1 });
	await moveGuestDot(ben, { voteId: shown.id, itemId: police.id, change: 1 });
	await revealVote(lead, shown.id);
	const hidden = await openVote(lead, { question: 'A vote still hidden', scope: 'actors', dots: 1, roomId: room.id, minutes: 5 });
	await moveGuestDot(ben, { voteId: hidden.id, itemId: police.id, change: 1 });

	const actor = await proposeActor(ben, { name: 'Ashdale youth club', sector: 'voluntary' });
	const handoff = await proposeHandoff(asha, { fromActorId: police.id, toActorId: school.id, label: 'Missing notification to school', stage: 'during', passes: 'information', rating: 'absent', description: '' });
	const declined = await proposeActor(asha, { name: 'A declined actor', sector: 'voluntary' });
	await decideProposal(lead, room.id, { proposalId: actor.id, decision: 'accept' });
	await decideProposal(lead, room.id, { proposalId: handoff.id, decision: 'accept' });
	await decideProposal(lead, room.id, { proposalId: declined.id, decision: 'decline' });
	await closeRoom(lead, room.id);
	return { lead, room };
}

describe('the plan’s workshop record', () => {
	it('carries a chosen room’s people, notes by what they were on, revealed votes and accepted proposals, never a held note', async () => {
		const { lead, room } = await workshopThatRan();
		const model = await planModel(lead, { roomId: room.id });
		const w = model.workshop!;
		expect(w.title).toBe('Northbrook, workshop 4');
		expect(w.when).toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d to (\d\d:\d\d|\d{1,2} \w{3} \d{4}, \d\d:\d\d)$/);
		expect(w.people).toEqual([
			{ name: 'Ben', organisation: 'Ashdale Academy' },
			{ name: 'Asha', organisation: 'Northbrook Police' }
		]);
		expect(w.noteCount).toBe(4);
		// Stages in the journey's order, then actors; within each, what works, what breaks, ideas.
		expect(w.notes).toEqual([
			{ on: 'Journey stage: During', kinds: [{ kind: 'What works', notes: [{ text: 'The daily call between police and school works.', by: 'Asha, Northbrook Police' }] }] },
			{
				on: 'Journey stage: Return',
				kinds: [
					{ kind: 'What breaks', notes: [{ text: 'Return interviews reach school weeks late.', by: 'Ben, Ashdale Academy' }] },
					{ kind: 'Idea', notes: [{ text: 'Copy the school’s safeguarding lead in.', by: 'Asha, Northbrook Police' }] }
				]
			},
			{ on: 'Actor: Ashdale Academy', kinds: [{ kind: 'What breaks', notes: [{ text: 'Nobody at the academy knows who to call.', by: 'Cara, Youth service' }] }] }
		]);
		expect(JSON.stringify(model)).not.toContain('07700');
		expect(w.votes).toEqual([
			{
				question: 'Who should act first?',
				voters: 2,
				items: [
					{ label: 'Ashdale Academy', detail: 'Education', dots: 2 },
					{ label: 'Northbrook Police', detail: 'Police', dots: 1 }
				],
				undotted: 1
			}
		]);
		expect(w.accepted).toEqual([
			{ text: 'Actor: Ashdale youth club (Voluntary)', by: 'Ben, Ashdale Academy' },
			{ text: 'Handoff: Northbrook Police to Ashdale Academy, “Missing notification to school” (During; passes information; absent)', by: 'Asha, Northbrook Police' }
		]);
		const sections = sectionsOf(model).map((s) => s.title);
		expect(sections).toContain('Workshop record: Northbrook, workshop 4');
		expect(sections.indexOf('Workshop record: Northbrook, workshop 4')).toBe(sections.indexOf('The whole journey') - 1);

		// Without a chosen room there is no such section; a room of another area is out of reach.
		const plain = await planModel(lead);
		expect(plain.workshop).toBeNull();
		expect(sectionsOf(plain).map((s) => s.title)).not.toContain('Workshop record');
		const other = await workshopThatRan();
		await expect(planModel(lead, { roomId: other.room.id })).rejects.toBeInstanceOf(NotFoundError);
	}, 60_000);

	it('is a section of the PDF, in its contents and outline, whose long tables repeat their title and column names', async () => {
		const { lead, room } = await workshopThatRan(70);
		const { pdf } = await actionPlanPdf(lead, { roomId: room.id, now: new Date('2026-12-05T10:00:00Z') });
		if (process.env.PLAN_PDF_OUT) writeFileSync(process.env.PLAN_PDF_OUT, pdf);
		const pages = await pdfPages(pdf);
		const title = 'Workshop record: Northbrook, workshop 4';
		const start = pages.findIndex((p, i) => i > 1 && p.trimStart().split('\n').slice(0, 3).join(' ').includes(title));
		expect(start).toBeGreaterThan(1);
		expect(pages[1]).toMatch(new RegExp(`${title}\\s*${start + 1}\\b`));
		expect((await pdfOutline(pdf)).map((o) => o.title)).toContain(title);
		const end = pages.findIndex((p, i) => i > start && p.includes('The whole journey') && !p.includes('Contents'));
		const section = pages.slice(start, end);
		const flat = section.join('\n').replace(/\s+/g, ' ');
		for (const text of [
			'2 people took part',
			'74 notes were left on the board',
			'Who took part (2)',
			'Asha Northbrook Police',
			'Journey stage: Return',
			'Return interviews reach school weeks late.',
			'Cara, Youth service',
			'Dot vote: Who should act first?',
			'2 people voted; 1 other item on the ballot got no dots.',
			'Added to the map from this room',
			'Missing notification to school',
			'Ashdale youth club'
		])
			expect(flat).toContain(text);
		expect(flat).not.toContain('07700');
		expect(flat).not.toContain('A vote still hidden');
		expect(flat).not.toContain('A declined actor');
		// Seventy notes on one actor run over pages: every page of that table opens with its title and column names.
		const long = section.map((p, i) => ({ p: p.replace(/\s+/g, ' '), i })).filter(({ p }) => /Observation \d+ about/.test(p));
		expect(long.length).toBeGreaterThan(1);
		for (const { p } of long) expect(p).toMatch(/Actor: Northbrook Police Kind Note Left by/);
		expect(section.join(' ')).toContain('Observation 70 about');

		// No page of the section ends with a heading.
		const runs = await pdfTextRuns(pdf);
		for (let i = start; i < end; i++) {
			const body = runs[i].filter((r) => !/^Page \d+ of \d+$/.test(r.str) && r.size !== 8.5);
			const lowest = Math.min(...body.map((r) => r.y));
			const last = body.filter((r) => r.y === lowest);
			expect(last.every((r) => r.size < 11), `page ${i + 1} ends with a heading: ${last.map((r) => r.str).join(' ')}`).toBe(true);
		}
	}, 120_000);
});
