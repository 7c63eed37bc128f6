// Layout of the public pages' share charts: rows of part-filled bars on a 0-100% scale. D3 computes, Svelte draws.
import { scaleBand, scaleLinear } from 'd3-scale';

export interface ShareRow {
	label: string;
	/** 0 to 1. */
	share: number;
	/** The figure in words, drawn beside the label so the chart never relies on bar length or colour alone. */
	text: string;
}

export interface ShareBar {
	key: string;
	/** The label line, e.g. "Reports about adults: 75%". */
	caption: string;
	captionY: number;
	x: number;
	y: number;
	/** Width of the filled part. */
	width: number;
	/** Width of the whole track (100%). */
	trackWidth: number;
	height: number;
}

export interface ShareTick {
	x: number;
	label: string;
}

export interface ShareChartLayout {
	width: number;
	height: number;
	bars: ShareBar[];
	ticks: ShareTick[];
	axisY: number;
}

export interface ShareChartOptions {
	width?: number;
	/** Height given to each row: its caption line and its bar. */
	rowHeight?: number;
	barHeight?: number;
	margin?: number;
}

/** Positions one captioned bar per row, captions above the bars so the chart reads at 320 px wide. */
export function shareChart(rows: ShareRow[], options: ShareChartOptions = {}): ShareChartLayout {
	const { width = 560, rowHeight = 64, barHeight = 26, margin = 12 } = options;
	const inner = width - margin * 2;
	const x = scaleLinear().domain([0, 1]).range([margin, margin + inner]).clamp(true);
	const band = scaleBand<number>()
		.domain(rows.map((_, i) => i))
		.range([0, rows.length * rowHeight]);
	const bars = rows.map((row, i) => {
		const top = band(i) ?? 0;
		return {
			key: `${i}-${row.label}`,
			caption: `${row.label}: ${row.text}`,
			captionY: top + 18,
			x: margin,
			y: top + 26,
			width: x(row.share) - margin,
			trackWidth: inner,
			height: barHeight
		};
	});
	const axisY = rows.length * rowHeight + 4;
	const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ x: x(t), label: `${Math.round(t * 100)}%` }));
	return { width, height: axisY + 24, bars, ticks, axisY };
}
