import { describe, expect, it } from 'vitest';
import { shareChart, wrapWords, columnChart } from '$lib/diagrams/charts';
import { HARM_AMONG_RETURNED_ADULTS, REPEAT_SHARE, ofText } from '$lib/domain/programme';

describe('shareChart', () => {
	it('fills each bar in proportion to its share of the whole track', () => {
		const layout = shareChart(REPEAT_SHARE, { width: 408, margin: 4 });
		expect(layout.bars.map((b) => b.trackWidth)).toEqual([400, 400]);
		expect(layout.bars.map((b) => b.width)).toEqual([200, 300]);
		expect(layout.bars.every((b) => b.x === 4)).toBe(true);
	});

	it('writes each figure in words at the end of its bar: after a short fill, inside a long one', () => {
		const layout = shareChart(REPEAT_SHARE, { width: 320, margin: 4, fontSize: 14 });
		const [adults, children] = layout.bars;
		expect(adults.value).toMatchObject({ text: 'more than 50%', inside: false, x: 4 + 156 + 6 });
		expect(children.value).toMatchObject({ text: '75%', inside: false });
		const full = shareChart([{ label: 'Nearly all', share: 0.95, text: '95 of 100 (95%)' }], { width: 320, margin: 4 });
		expect(full.bars[0].value.inside).toBe(true);
		expect(full.bars[0].value.x).toBeLessThan(full.bars[0].x + full.bars[0].width);
	});

	it('wraps long labels so that no line runs past the chart, at 320 units wide', () => {
		const layout = shareChart(HARM_AMONG_RETURNED_ADULTS, { width: 320, fontSize: 14, margin: 4 });
		const maxChars = Math.floor(312 / (14 * 0.6));
		for (const bar of layout.bars) for (const line of bar.lines) expect(line.text.length).toBeLessThanOrEqual(maxChars);
		expect(layout.bars[2].lines.length).toBeGreaterThan(1);
		expect(layout.bars[2].lines.map((l) => l.text).join(' ')).toBe(HARM_AMONG_RETURNED_ADULTS[2].label);
	});

	it('stacks rows without overlap and keeps the axis and ticks below the last bar', () => {
		const layout = shareChart(HARM_AMONG_RETURNED_ADULTS);
		for (let i = 1; i < layout.bars.length; i++) {
			const above = layout.bars[i - 1];
			expect(layout.bars[i].lines[0].y - 14).toBeGreaterThan(above.y + above.height);
		}
		for (const bar of layout.bars) expect(bar.y).toBeGreaterThan(bar.lines.at(-1)!.y);
		const last = layout.bars.at(-1)!;
		expect(layout.axisY).toBeGreaterThanOrEqual(last.y + last.height);
		expect(layout.height).toBeGreaterThan(layout.axisY);
		expect(layout.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
		expect(layout.ticks[0].x).toBe(4);
		expect(layout.ticks[4].x).toBe(316);
	});

	it('clamps a share outside 0 to 1 to the track', () => {
		const layout = shareChart([{ label: 'x', share: 1.4, text: '140%' }], { width: 100, margin: 0 });
		expect(layout.bars[0].width).toBe(100);
	});
});

describe('wrapWords', () => {
	it('breaks at spaces within the limit and keeps an over-long word whole', () => {
		expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapWords('extraordinarily long', 5)).toEqual(['extraordinarily', 'long']);
		expect(wrapWords('', 10)).toEqual([]);
	});
});

describe('ofText', () => {
	it('says n of m with a whole percentage', () => {
		expect(ofText(49, 64)).toBe('49 of 64 (77%)');
		expect(ofText(26, 63)).toBe('26 of 63 (41%)');
	});
});

describe('columnChart', () => {
	const weeks = ['31 Aug', '7 Sept', '14 Sept', '21 Sept', '28 Sept', '5 Oct', '12 Oct', '19 Oct', '26 Oct', '2 Nov', '9 Nov', '16 Nov'];
	const layout = columnChart(weeks.map((label, i) => ({ label, value: i % 4 })));
	const halfWidth = (text: string) => (text.length * 14 * 0.6) / 2;

	it('draws taller columns for larger counts from one baseline, with each figure above its column', () => {
		const [zero, one, two] = layout.columns;
		expect(zero.height).toBe(0);
		expect(two.height).toBeCloseTo(one.height * 2);
		for (const c of layout.columns) {
			expect(c.y + c.height).toBeCloseTo(layout.baseline);
			expect(c.value.y).toBeLessThan(c.y);
		}
	});

	it('keeps the week labels inside the picture and apart, always labelling the latest week', () => {
		expect(layout.labels.at(-1)!.text).toBe('16 Nov');
		for (const label of layout.labels) {
			expect(label.x - halfWidth(label.text)).toBeGreaterThanOrEqual(0);
			expect(label.x + halfWidth(label.text)).toBeLessThanOrEqual(layout.width);
		}
		for (let i = 1; i < layout.labels.length; i++) {
			const [a, b] = [layout.labels[i - 1], layout.labels[i]];
			expect(b.x - halfWidth(b.text)).toBeGreaterThan(a.x + halfWidth(a.text));
		}
	});
});
