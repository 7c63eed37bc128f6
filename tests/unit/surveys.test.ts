import { describe, expect, it } from 'vitest';
import {
	SECTOR_MIN_RESPONSES,
	describeShift,
	formatMean,
	sectorBreakdown,
	shiftOf,
	suggestRoundLabel,
	summarise,
	type ResponseScores
} from '$lib/domain/surveys';
import { divergingBar } from '$lib/diagrams/diverging';
import { PROGRAMME_MODELS } from '$lib/domain/programme';

describe('summarise', () => {
	it('counts each score, and gives the mean, n and the share who agree', () => {
		const s = summarise([1, 2, 2, 3, 4, 5, 5, 5]);
		expect(s.counts).toEqual([1, 2, 1, 1, 3]);
		expect(s.n).toBe(8);
		expect(s.mean).toBeCloseTo(27 / 8);
		expect(s.agreeShare).toBeCloseTo(4 / 8);
	});

	it('has no mean when nobody answered', () => {
		expect(summarise([])).toEqual({ n: 0, counts: [0, 0, 0, 0, 0], mean: null, agreeShare: null });
		expect(formatMean(null)).toBe('no answers');
	});

	it('refuses a score outside 1 to 5', () => {
		expect(() => summarise([0])).toThrow(RangeError);
		expect(() => summarise([6])).toThrow(RangeError);
		expect(() => summarise([2.5])).toThrow(RangeError);
	});
});

describe('the shift between two rounds', () => {
	it('is the later mean minus the earlier one', () => {
		expect(shiftOf(summarise([4, 4, 5, 5]), summarise([2, 3, 3, 4]))).toBeCloseTo(-1.5);
		expect(shiftOf(summarise([2]), summarise([3]))).toBeCloseTo(1);
	});

	it('is not comparable when either round has no answers or is missing', () => {
		expect(shiftOf(summarise([]), summarise([3]))).toBeNull();
		expect(shiftOf(summarise([3]), summarise([]))).toBeNull();
		expect(shiftOf(null, summarise([3]))).toBeNull();
	});

	it('is said in words, with its direction', () => {
		expect(describeShift(-0.84)).toBe('−0.8 (held less)');
		expect(describeShift(0.26)).toBe('+0.3 (held more)');
		expect(describeShift(0.04)).toBe('no change');
		expect(describeShift(null)).toBe('not comparable');
	});
});

describe('the sector breakdown keeps respondents anonymous', () => {
	const responses = (sector: string | null, n: number, score = 3): ResponseScores[] =>
		Array.from({ length: n }, () => ({ sector, scores: { a: score } }));

	it('uses a threshold of five responses', () => {
		expect(SECTOR_MIN_RESPONSES).toBe(5);
	});

	it('shows a sector with five responses and hides one with four', () => {
		const result = sectorBreakdown([...responses('police', 5, 4), ...responses('health', 4, 2), ...responses('education', 5, 1)], ['a']);
		// Health's 4 would be the overall minus the shown sectors, so the smaller of the two shown sectors (a tie of
		// five: the later name) is held back too.
		expect(result.shown.map((g) => g.sector)).toEqual(['education']);
		expect(result.hiddenResponses).toBe(9);
	});

	it('shows every sector of five or more when nothing small is left over', () => {
		const result = sectorBreakdown([...responses('police', 5, 4), ...responses('health', 6, 2)], ['a']);
		expect(result.shown.map((g) => [g.sector, g.responses])).toEqual([
			['health', 6],
			['police', 5]
		]);
		expect(result.shown.find((g) => g.sector === 'police')!.byStatement.a.mean).toBe(4);
		expect(result.hiddenResponses).toBe(0);
	});

	it('hides a sector of four at the boundary, and shows it at five', () => {
		expect(sectorBreakdown(responses('police', 4), ['a']).shown).toEqual([]);
		expect(sectorBreakdown(responses('police', 5), ['a']).shown).toHaveLength(1);
	});

	it('counts responses without a sector as left over, and keeps that group at five or more', () => {
		const fine = sectorBreakdown([...responses('police', 5), ...responses(null, 5)], ['a']);
		expect(fine.shown.map((g) => g.sector)).toEqual(['police']);
		expect(fine.hiddenResponses).toBe(5);
		const small = sectorBreakdown([...responses('police', 5), ...responses(null, 1)], ['a']);
		expect(small.shown).toEqual([]);
		expect(small.hiddenResponses).toBe(6);
	});
});

describe('round labels', () => {
	it('suggests a baseline first, then the next follow-up', () => {
		expect(suggestRoundLabel([])).toBe('Baseline');
		expect(suggestRoundLabel(['Baseline'])).toBe('Follow-up 1');
		expect(suggestRoundLabel(['Baseline', 'Follow-up 1'])).toBe('Follow-up 2');
	});
});

describe('the programme models', () => {
	it('are the three of the programme, each with statements to survey', () => {
		expect(PROGRAMME_MODELS.map((m) => m.title)).toEqual(['Episode, not journey', "It's the police's job", "Adults don't need follow-up"]);
		for (const m of PROGRAMME_MODELS) expect(m.statements.length).toBeGreaterThan(0);
	});
});

describe('the diverging bar', () => {
	it('centres "neither" on the zero line, disagreement to its left and agreement to its right', () => {
		const bar = divergingBar([1, 1, 2, 4, 2], { width: 216, margin: 8 });
		// Scale: -1 -> 8, 0 -> 108, 1 -> 208; shares 0.1, 0.1, 0.2, 0.4, 0.2.
		const at = Object.fromEntries(bar.segments.map((s) => [s.score, [Math.round(s.x), Math.round(s.width)]]));
		expect(bar.centre).toBe(108);
		expect(at[3]).toEqual([98, 20]);
		expect(at[2]).toEqual([88, 10]);
		expect(at[1]).toEqual([78, 10]);
		expect(at[4]).toEqual([118, 40]);
		expect(at[5]).toEqual([158, 20]);
	});

	it('leaves out empty segments and draws nothing without answers', () => {
		expect(divergingBar([0, 0, 0, 3, 0]).segments.map((s) => s.score)).toEqual([4]);
		expect(divergingBar([0, 0, 0, 0, 0]).segments).toEqual([]);
	});

	it('writes a percentage inside a segment only when it fits', () => {
		const bar = divergingBar([1, 0, 0, 0, 19], { width: 600 });
		const small = bar.segments.find((s) => s.score === 1)!;
		const large = bar.segments.find((s) => s.score === 5)!;
		expect(small.text).toBe('5%');
		expect(small.showText).toBe(false);
		expect(large.text).toBe('95%');
		expect(large.showText).toBe(true);
	});
});

describe('the answer form', () => {
	it('needs a score from 1 to 5 for every statement of the round, and refuses any other statement', async () => {
		const { answerSchema } = await import('$lib/validators/models');
		const schema = answerSchema(['a', 'b']);
		expect(schema.safeParse({ s_a: '1', s_b: '5' }).data).toEqual({ s_a: 1, s_b: 5, sector: null, comment: '' });
		expect(schema.safeParse({ s_a: '3' }).success).toBe(false);
		expect(schema.safeParse({ s_a: '3', s_b: '6' }).success).toBe(false);
		expect(schema.safeParse({ s_a: '3', s_b: '0' }).success).toBe(false);
		expect(schema.safeParse({ s_a: '3', s_b: '2', s_c: '4' }).success).toBe(false);
		expect(schema.safeParse({ s_a: '3', s_b: '2', sector: 'person' }).success).toBe(false);
		expect(schema.safeParse({ s_a: '3', s_b: '2', sector: 'police' }).data?.sector).toBe('police');
	});
});
