// Moderating the anonymous board: the identifier check holds a flagged answer for control, control hides an answer
// with a reason and restores it, and only answers on the board reach the room's screens, the plenary and the PDF.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { auditLog, hydraExercises } from '$lib/server/db/schema';
import { hashToken, newToken } from '$lib/server/ids';
import { NotFoundError } from '$lib/server/errors';
import { createExercise, getControl, getDebrief, moderateBoardPost, moveExercise, setBoardPrompt } from '$lib/server/hydra/exercises';
import { joinExercise, postToBoard, syndicateByToken, syndicateView } from '$lib/server/hydra/syndicates';
import { debriefPdf } from '$lib/server/pdf/debrief';
import { useTestDatabase } from '../helpers/database';
import { makeScenario, makeUser } from '../helpers/factories';
import { pdfPages } from '../helpers/pdf';

useTestDatabase();

let address = 0;
const nextAddress = () => `10.8.${Math.floor(++address / 250)}.${address % 250}`;
const PROMPT = 'What would you do differently?';

async function boardOpen() {
	const facilitator = await makeUser('consultant');
	const { scenario } = await makeScenario({ signedOffBy: await makeUser('consultant') });
	const exercise = await createExercise(facilitator, { scenarioId: scenario.id, title: '', eventId: null, areaId: null });
	const [row] = await db.select().from(hydraExercises).where(eq(hydraExercises.id, exercise.id));
	await moveExercise(facilitator, { id: exercise.id, version: row.version, move: 'start' });
	await setBoardPrompt(facilitator, { id: exercise.id, basePrompt: '', prompt: PROMPT });
	const token = newToken();
	await joinExercise({ code: exercise.joinCode, teamName: 'Board team', agency: 'police' }, hashToken(token), nextAddress());
	// Each read takes the session afresh, as each request of the syndicate's page does.
	const session = async () => (await syndicateByToken(hashToken(token)))!;
	return { facilitator, exercise, session };
}

const shownTo = async (session: Awaited<ReturnType<typeof syndicateByToken>>) => (await syndicateView(session!)).board.map((p) => p.text);

describe('the identifier check on board answers', () => {
	it('holds an answer with a phone number or an address for control, and shows the rest at once', async () => {
		const { facilitator, exercise, session } = await boardOpen();
		const fine = await postToBoard(await session(), { text: 'We waited too long to share the risk grade.' });
		const phone = await postToBoard(await session(), { text: 'Ring her aunt on 07700 900123 next time.' });
		const home = await postToBoard(await session(), { text: 'She was at 14 Acacia Avenue all along.' });
		expect(fine.status).toBe('shown');
		expect(phone).toMatchObject({ status: 'held', flagged: 'Phone number' });
		expect(home).toMatchObject({ status: 'held', flagged: 'Street address' });

		expect(await shownTo(await session())).toEqual(['We waited too long to share the risk grade.']);
		expect((await getDebrief(facilitator, exercise.id)).board.map((p) => p.text)).toEqual(['We waited too long to share the risk grade.']);
		const control = await getControl(facilitator, exercise.id);
		expect(control.board.map((p) => [p.text, p.status])).toEqual([
			['We waited too long to share the risk grade.', 'shown'],
			['Ring her aunt on 07700 900123 next time.', 'held'],
			['She was at 14 Acacia Avenue all along.', 'held']
		]);

		// Control looks and lets one through.
		await moderateBoardPost(facilitator, { id: exercise.id, postId: home.id, move: 'show' });
		expect(await shownTo(await session())).toEqual(['We waited too long to share the risk grade.', 'She was at 14 Acacia Avenue all along.']);
		const [trail] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_board_post'), eq(auditLog.entityId, home.id), eq(auditLog.action, 'release')));
		expect(trail.actorId).toBe(facilitator.id);
	});
});

describe('hiding and restoring an answer', () => {
	it('takes a hidden answer off every screen and out of the PDF, with its reason in the trail; restoring puts it back', async () => {
		const { facilitator, exercise, session } = await boardOpen();
		const kept = await postToBoard(await session(), { text: 'Ask the care home first.' });
		const named = await postToBoard(await session(), { text: 'It was like the Riverside case last year.' });
		const held = await postToBoard(await session(), { text: 'Her number was 07700 900456.' });
		expect(named.status).toBe('shown');

		await moderateBoardPost(facilitator, { id: exercise.id, postId: named.id, move: 'hide', reason: 'Could identify a real case' });
		expect(await shownTo(await session())).toEqual(['Ask the care home first.']);
		expect((await getDebrief(facilitator, exercise.id)).board.map((p) => p.text)).toEqual(['Ask the care home first.']);
		const control = await getControl(facilitator, exercise.id);
		expect(control.board.find((p) => p.id === named.id)).toMatchObject({ status: 'hidden', hiddenReason: 'Could identify a real case' });
		const [trail] = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'hydra_board_post'), eq(auditLog.entityId, named.id), eq(auditLog.action, 'hide')));
		expect(trail).toMatchObject({ actorId: facilitator.id, after: { status: 'hidden', hiddenReason: 'Could identify a real case' } });

		// Neither the hidden nor the held answer reaches the PDF; the one on the board does.
		const text = (await pdfPages((await debriefPdf(facilitator, exercise.id)).pdf)).join('\n').replace(/\s+/g, ' ');
		expect(text).toContain('Ask the care home first.');
		expect(text).not.toContain('Riverside');
		expect(text).not.toContain('07700');

		await moderateBoardPost(facilitator, { id: exercise.id, postId: named.id, move: 'show' });
		expect(await shownTo(await session())).toEqual(['Ask the care home first.', 'It was like the Riverside case last year.']);
		expect((await getControl(facilitator, exercise.id)).board.find((p) => p.id === named.id)).toMatchObject({ status: 'shown', hiddenReason: '' });
		expect(kept.status).toBe('shown');
		expect(held.status).toBe('held');
	});

	it('refuses an answer of another exercise, and anyone but staff', async () => {
		const { facilitator, exercise } = await boardOpen();
		const other = await boardOpen();
		const post = await postToBoard(await other.session(), { text: 'Another room’s answer.' });
		await expect(moderateBoardPost(facilitator, { id: exercise.id, postId: post.id, move: 'hide', reason: 'Forged' })).rejects.toBeInstanceOf(NotFoundError);
		const partner = await makeUser('partner');
		await expect(moderateBoardPost(partner, { id: other.exercise.id, postId: post.id, move: 'hide', reason: 'Not mine' })).rejects.toBeInstanceOf(NotFoundError);
		expect(await shownTo(await other.session())).toEqual(['Another room’s answer.']);
	});

	it('a hidden answer always has a reason: the database refuses one without', async () => {
		const { facilitator, exercise, session } = await boardOpen();
		const post = await postToBoard(await session(), { text: 'No reason given.' });
		await expect(moderateBoardPost(facilitator, { id: exercise.id, postId: post.id, move: 'hide', reason: '  ' })).rejects.toThrow();
		expect(await shownTo(await session())).toEqual(['No reason given.']);
	});
});
