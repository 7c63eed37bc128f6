// Layout of the public pages' share charts: rows of part-filled bars on a 0-100% scale. D3 computes, Svelte draws.
// Small by design (320 units wide) so that its text stays readable when a phone shows it at full width.
import { scaleLinear } from 'd3-scale';

export interface ShareRow {
	label: string;
	/** 0 to 1. */
	share: number;
	/** The figure in words, drawn at the bar's end so the chart never relies on bar length or colour alone. */
	text: string;
}

export interface ShareBar {
	key: string;
	/** The label, wrapped to fit, with each line's baseline. */
	lines: { text: string; y: number }[];
	x: number;
	y: number;
	/** Width of the filled part. */
	width: number;
	/** Width of the whole track (100%). */
	trackWidth: number;
	height: number;
	/** The figure in words and where it sits: inside the fill (light text) when the fill is long, else just after it. */
	value: { text: string; x: number; y: number; inside: boolean };
}

export interface ShareChartLayout {
	width: number;
	height: number;
	bars: ShareBar[];
	ticks: { x: number; label: string }[];
	axisY: number;
}

export interface ShareChartOptions {
	width?: number;
	fontSize?: number;
	barHeight?: number;
	margin?: number;
}

/** Splits `text` into lines of at most `maxChars` characters at spaces (a longer single word keeps its own line). */
export function wrapWords(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

// Average advance of a bold system-font character, as a share of the font size: an estimate that errs wide.
const CHAR_WIDTH = 0.6;

/** Positions one labelled bar per row, labels above the bars, figures at the end of each fill. */
export function shareChart(rows: ShareRow[], options: ShareChartOptions = {}): ShareChartLayout {
	const { width = 320, fontSize = 14, barHeight = 26, margin = 4 } = options;
	const inner = width - margin * 2;
	const x = scaleLinear().domain([0, 1]).range([margin, margin + inner]).clamp(true);
	const lineHeight = Math.round(fontSize * 1.3);
	const maxChars = Math.floor(inner / (fontSize * CHAR_WIDTH));
	let top = 0;
	const bars = rows.map((row, i) => {
		const lines = wrapWords(row.label, maxChars).map((text, n) => ({ text, y: top + fontSize + n * lineHeight }));
		const y = top + lines.length * lineHeight + 6;
		const fill = x(row.share) - margin;
		const valueWidth = row.text.length * fontSize * CHAR_WIDTH;
		// Outside the fill when it fits in the empty part of the track; otherwise inside, right-aligned.
		const inside = fill + 6 + valueWidth > inner;
		top = y + barHeight + 14;
		return {
			key: `${i}-${row.label}`,
			lines,
			x: margin,
			y,
			width: fill,
			trackWidth: inner,
			height: barHeight,
			value: {
				text: row.text,
				x: inside ? margin + fill - 6 : margin + fill + 6,
				y: y + barHeight / 2 + fontSize * 0.35,
				inside
			}
		};
	});
	const axisY = top - 6;
	const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ x: x(t), label: `${Math.round(t * 100)}%` }));
	return { width, height: axisY + fontSize + 8, bars, ticks, axisY };
}
