import { describe, expect, it } from 'vitest';
import { shareChart } from '$lib/diagrams/charts';
import { HARM_AMONG_RETURNED_ADULTS, REPEAT_SHARE, ofText } from '$lib/domain/programme';

describe('shareChart', () => {
	it('fills each bar in proportion to its share of the whole track', () => {
		const layout = shareChart(REPEAT_SHARE, { width: 424, margin: 12 });
		expect(layout.bars.map((b) => b.trackWidth)).toEqual([400, 400]);
		expect(layout.bars.map((b) => b.width)).toEqual([200, 300]);
		expect(layout.bars.every((b) => b.x === 12)).toBe(true);
	});

	it('captions each bar with its label and its figure in words', () => {
		const layout = shareChart(HARM_AMONG_RETURNED_ADULTS);
		expect(layout.bars[0].caption).toBe('Experienced harm while away: 49 of 64 (77%)');
		expect(layout.bars[1].caption).toBe('Disclosed trying to take their own life: 26 of 63 (41%)');
	});

	it('stacks rows without overlap and keeps the axis and ticks below the last bar', () => {
		const layout = shareChart(HARM_AMONG_RETURNED_ADULTS, { rowHeight: 60, barHeight: 24 });
		for (let i = 1; i < layout.bars.length; i++) {
			const above = layout.bars[i - 1];
			expect(layout.bars[i].captionY - 16).toBeGreaterThan(above.y + above.height);
		}
		const last = layout.bars.at(-1)!;
		expect(layout.axisY).toBeGreaterThanOrEqual(last.y + last.height);
		expect(layout.height).toBeGreaterThan(layout.axisY);
		expect(layout.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
		expect(layout.ticks[0].x).toBe(12);
		expect(layout.ticks[4].x).toBe(548);
	});

	it('clamps a share outside 0 to 1 to the track', () => {
		const layout = shareChart([{ label: 'x', share: 1.4, text: '140%' }], { width: 100, margin: 0 });
		expect(layout.bars[0].width).toBe(100);
	});
});

describe('ofText', () => {
	it('says n of m with a whole percentage', () => {
		expect(ofText(49, 64)).toBe('49 of 64 (77%)');
		expect(ofText(26, 63)).toBe('26 of 63 (41%)');
	});
});
