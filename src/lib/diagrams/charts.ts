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

export interface Column {
	/** Under the column, e.g. the week it stands for. */
	label: string;
	value: number;
}

export interface ColumnChartLayout {
	width: number;
	height: number;
	baseline: number;
	columns: { key: string; x: number; y: number; width: number; height: number; value: { text: string; x: number; y: number } }[];
	/** Labels under the axis: every column's when they fit, otherwise every second or third, always the last. */
	labels: { text: string; x: number; y: number }[];
}

/** Columns on a count scale from zero, each with its figure above it so the chart never relies on height alone. */
export function columnChart(columns: Column[], options: { width?: number; height?: number; fontSize?: number } = {}): ColumnChartLayout {
	const { width = 400, height = 180, fontSize = 14 } = options;
	const top = fontSize + 8;
	const baseline = height - fontSize * 2;
	const max = Math.max(1, ...columns.map((c) => c.value));
	const y = scaleLinear().domain([0, max]).range([baseline, top]);
	// Room at the sides so the first and last labels, centred under their columns, stay inside the picture.
	const side = fontSize * 2;
	const band = (width - side * 2) / Math.max(1, columns.length);
	const barWidth = Math.max(4, band * 0.6);
	const widest = Math.max(0, ...columns.map((c) => c.label.length)) * fontSize * CHAR_WIDTH;
	const labelEvery = Math.max(1, Math.ceil((widest + fontSize) / band));
	return {
		width,
		height,
		baseline,
		columns: columns.map((c, i) => {
			const x = side + i * band + (band - barWidth) / 2;
			return {
				key: `${i}-${c.label}`,
				x,
				y: y(c.value),
				width: barWidth,
				height: baseline - y(c.value),
				value: { text: String(c.value), x: x + barWidth / 2, y: y(c.value) - 6 }
			};
		}),
		labels: columns
			.map((c, i) => ({ text: c.label, x: side + i * band + band / 2, y: baseline + fontSize + 4, i }))
			.filter(({ i }) => i === columns.length - 1 || (columns.length - 1 - i) % labelEvery === 0)
			.map(({ text, x, y }) => ({ text, x, y }))
	};
}

export interface LinePoint {
	/** YYYY-MM-DD. */
	date: string;
	value: number;
	/** Under the axis and in the figure's text, e.g. "30 Sep 2026". */
	label: string;
}

export interface LineChartLayout {
	width: number;
	height: number;
	/** The path through the points, oldest first. */
	d: string;
	points: { key: string; x: number; y: number; value: { text: string; x: number; y: number } }[];
	/** Horizontal reference lines (baseline, target), each labelled in words at the right. */
	references: { key: string; label: string; y: number; labelY: number }[];
	labels: { text: string; x: number; y: number; anchor: 'start' | 'middle' | 'end' }[];
	plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * A small trend line over dated readings, with labelled reference lines (such as a baseline and a target) so the
 * reader sees which way is better without colour. Readings are spaced by date; each carries its figure.
 */
export function lineChart(
	points: LinePoint[],
	references: { key: string; label: string; value: number }[] = [],
	options: { width?: number; height?: number; fontSize?: number; format?: (n: number) => string } = {}
): LineChartLayout {
	const { width = 480, height = 220, fontSize = 14, format = (n: number) => String(n) } = options;
	const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
	const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
	const values = [...sorted.map((p) => p.value), ...references.map((r) => r.value)];
	const lo = values.length ? Math.min(...values) : 0;
	const hi = values.length ? Math.max(...values) : 1;
	const pad = (hi - lo || Math.abs(hi) || 1) * 0.12;
	const longestReference = Math.max(0, ...references.map((r) => r.label.length)) * fontSize * CHAR_WIDTH;
	const plot = { left: fontSize * 2, right: width - Math.max(fontSize * 2, longestReference + 10), top: fontSize + 10, bottom: height - fontSize * 2 };
	const y = scaleLinear().domain([lo - pad, hi + pad]).range([plot.bottom, plot.top]);
	const days = sorted.map((p) => day(p.date));
	const x = scaleLinear()
		.domain(days.length > 1 ? [days[0], days[days.length - 1]] : [(days[0] ?? 0) - 1, (days[0] ?? 0) + 1])
		.range([plot.left, plot.right]);
	const placed = sorted.map((p, i) => ({ key: `${i}-${p.date}`, x: x(day(p.date)), y: y(p.value), p }));
	// Every reading's figure when they fit, otherwise every second or third, always the last.
	const band = placed.length > 1 ? (plot.right - plot.left) / (placed.length - 1) : Infinity;
	const widestValue = Math.max(0, ...sorted.map((p) => format(p.value).length)) * fontSize * CHAR_WIDTH;
	const every = Math.max(1, Math.ceil((widestValue + 6) / band));
	const shown = (i: number) => i === placed.length - 1 || (placed.length - 1 - i) % every === 0;
	const widestLabel = Math.max(0, ...sorted.map((p) => p.label.length)) * fontSize * CHAR_WIDTH;
	// The last label is anchored at its end, so it reaches a whole width back: leave room for that.
	const labelEvery = Math.max(1, Math.ceil((widestLabel * 1.5 + fontSize) / band));
	return {
		width,
		height,
		plot,
		d: placed.map((p, i) => `${i ? 'L' : 'M'}${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join(''),
		points: placed.map((p, i) => ({
			key: p.key,
			x: p.x,
			y: p.y,
			value: { text: shown(i) ? format(p.p.value) : '', x: p.x, y: p.y - 8 }
		})),
		references: references.map((r) => ({ key: r.key, label: r.label, y: y(r.value), labelY: y(r.value) + fontSize * 0.35 })),
		// Date labels from the last one back, as many as fit; the ends are anchored inside the plot.
		labels: placed
			.map((p, i) => ({ text: p.p.label, x: p.x, y: plot.bottom + fontSize + 6, i }))
			.filter(({ i }) => (placed.length - 1 - i) % labelEvery === 0)
			.map(({ text, x: at, y: top, i }) => ({
				text,
				x: at,
				y: top,
				anchor: placed.length === 1 ? ('middle' as const) : i === 0 ? ('start' as const) : i === placed.length - 1 ? ('end' as const) : ('middle' as const)
			}))
	};
}

export interface Series {
	key: string;
	/** Said at the end of the line, so the series never rests on colour or dash alone. */
	label: string;
	values: (number | null)[];
}

export interface SeriesChartLayout {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	series: { key: string; d: string; points: { x: number; y: number }[]; end: { text: string; x: number; y: number } | null }[];
	/** Each reference's line at `y`, its label in the right margin at `labelY`. */
	references: { key: string; label: string; y: number; labelY: number }[];
	ticks: { y: number; label: string }[];
	labels: { text: string; x: number; y: number }[];
}

/**
 * Lines over categories (such as quarters) on a 0 to `max` scale, each named at its last point, with labelled
 * horizontal reference lines (such as a national figure). Gaps (null) break a line.
 */
export function seriesChart(
	categories: string[],
	series: Series[],
	references: { key: string; label: string; value: number }[] = [],
	options: { width?: number; height?: number; fontSize?: number; max?: number; format?: (n: number) => string } = {}
): SeriesChartLayout {
	const { width = 600, height = 280, fontSize = 14, max = 100, format = (n: number) => String(n) } = options;
	const endTexts = series.map((s) => {
		const last = [...s.values].reverse().find((v) => v !== null);
		return last === undefined || last === null ? '' : `${s.label} ${format(last)}`;
	});
	// Series names and reference labels share the right margin, so none sits on a line.
	const endWidth = Math.max(0, ...endTexts.map((t) => t.length), ...references.map((r) => r.label.length)) * fontSize * CHAR_WIDTH;
	const plot = { left: fontSize * 3, right: width - endWidth - 10, top: fontSize, bottom: height - fontSize * 2 };
	const y = scaleLinear().domain([0, max]).range([plot.bottom, plot.top]);
	const step = categories.length > 1 ? (plot.right - plot.left) / (categories.length - 1) : 0;
	const xAt = (i: number) => (categories.length > 1 ? plot.left + i * step : (plot.left + plot.right) / 2);
	const round = (n: number) => Math.round(n * 10) / 10;
	const laid = series.map((s, k) => {
		const points = s.values.flatMap((v, i) => (v === null ? [] : [{ x: round(xAt(i)), y: round(y(v)), i }]));
		let d = '';
		points.forEach((p, j) => (d += `${j && points[j - 1].i === p.i - 1 ? 'L' : 'M'}${p.x},${p.y}`));
		const last = points[points.length - 1];
		return { key: s.key, d, points: points.map(({ x, y }) => ({ x, y })), end: last ? { text: endTexts[k], x: last.x + 8, y: last.y + fontSize * 0.35 } : null };
	});
	const refs = references.map((r) => ({ key: r.key, label: r.label, y: round(y(r.value)), labelY: round(y(r.value) + fontSize * 0.35) }));
	// Every label in the right margin at least a line apart, pushed down in order of height.
	const margin: { get: () => number; set: (v: number) => void }[] = [
		...laid.filter((s) => s.end).map((s) => ({ get: () => s.end!.y, set: (v: number) => (s.end!.y = v) })),
		...refs.map((r) => ({ get: () => r.labelY, set: (v: number) => (r.labelY = v) }))
	].sort((a, b) => a.get() - b.get());
	for (let i = 1; i < margin.length; i++) if (margin[i].get() - margin[i - 1].get() < fontSize + 2) margin[i].set(round(margin[i - 1].get() + fontSize + 2));
	for (const s of laid) if (s.end) s.end.x = round(plot.right + 8);
	const widest = Math.max(0, ...categories.map((c) => c.length)) * fontSize * CHAR_WIDTH;
	const every = step ? Math.max(1, Math.ceil((widest + fontSize) / step)) : 1;
	return {
		width,
		height,
		plot,
		series: laid,
		references: refs,
		ticks: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ y: round(y(t * max)), label: format(t * max) })),
		labels: categories
			.map((text, i) => ({ text, x: round(xAt(i)), y: plot.bottom + fontSize + 6, i }))
			.filter(({ i }) => (categories.length - 1 - i) % every === 0)
			.map(({ text, x, y: top }) => ({ text, x, y: top }))
	};
}

/**
 * The area's repeat shares by quarter (oldest first) against the national lines: what the figures page and the plan
 * both draw.
 */
export function repeatShareChart(
	figures: readonly { quarter: string; repeatShareAdults: number; repeatShareChildren: number }[],
	national: readonly { text: string; share: number }[],
	options: Parameters<typeof seriesChart>[3] = {}
) {
	const oldestFirst = [...figures].sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
	const [adults, children] = national;
	const categories = oldestFirst.map((f) => f.quarter);
	const series: Series[] = [
		{ key: 'children', label: 'Children', values: oldestFirst.map((f) => f.repeatShareChildren) },
		{ key: 'adults', label: 'Adults', values: oldestFirst.map((f) => f.repeatShareAdults) }
	];
	const references = [
		{ key: 'children', label: `National, children ${children.text}`, value: children.share * 100 },
		{ key: 'adults', label: `National, adults ${adults.text.replace('more than', 'over')}`, value: adults.share * 100 }
	];
	return { categories, series, references, layout: seriesChart(categories, series, references, options) };
}
