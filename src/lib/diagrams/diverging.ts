// Layout of a diverging stacked bar: one agreement distribution (1 to 5) centred on "neither agree nor disagree", so
// disagreement reads to the left and agreement to the right. D3 computes, Svelte draws.
import { scaleLinear } from 'd3-scale';
import type { Score } from '$lib/domain/surveys';

export interface DivergingSegment {
	score: Score;
	x: number;
	width: number;
	/** Percentage in words, drawn inside the segment only when it fits. */
	text: string;
	showText: boolean;
	share: number;
}

export interface DivergingBar {
	width: number;
	height: number;
	/** x of the middle of the neutral segment: the zero line. */
	centre: number;
	barY: number;
	barHeight: number;
	segments: DivergingSegment[];
	ticks: { x: number; label: string }[];
	axisY: number;
}

export interface DivergingOptions {
	width?: number;
	barHeight?: number;
	fontSize?: number;
	margin?: number;
}

// Average advance of a bold character as a share of the font size: an estimate that errs wide.
const CHAR_WIDTH = 0.62;

/**
 * Positions the five segments of one bar on a scale from 100% disagree (left) to 100% agree (right): "neither" is
 * split evenly across the centre, disagree and strongly disagree stack leftwards, agree and strongly agree rightwards.
 * With no answers the bar has no segments.
 */
export function divergingBar(counts: readonly number[], options: DivergingOptions = {}): DivergingBar {
	const { width = 600, barHeight = 36, fontSize = 16, margin = 8 } = options;
	const n = counts.reduce((a, b) => a + b, 0);
	const x = scaleLinear().domain([-1, 1]).range([margin, width - margin]);
	const share = counts.map((c) => (n ? c / n : 0));
	const half = share[2] / 2;
	// Start of each segment on the -1..1 scale, left to right: 1, 2, 3, 4, 5.
	const starts = [-(half + share[1] + share[0]), -(half + share[1]), -half, half, half + share[3]];
	const barY = 0;
	const segments: DivergingSegment[] = n
		? ([1, 2, 3, 4, 5] as Score[])
				.map((score, i) => {
					const left = x(starts[i]);
					const w = x(starts[i] + share[i]) - left;
					const text = `${Math.round(share[i] * 100)}%`;
					return { score, x: left, width: w, text, showText: w >= text.length * fontSize * CHAR_WIDTH + 12, share: share[i] };
				})
				.filter((s) => s.share > 0)
		: [];
	const axisY = barY + barHeight + 4;
	const ticks = [-1, -0.5, 0, 0.5, 1].map((t) => ({ x: x(t), label: `${Math.abs(t * 100)}%` }));
	return { width, height: axisY + fontSize + 6, centre: x(0), barY, barHeight, segments, ticks, axisY };
}
