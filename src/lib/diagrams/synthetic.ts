// A fixed, plausible-looking map of any size, for the layout benchmark and tests.
import { SECTORS } from '$lib/domain/map/enums';
import { TOC_KINDS } from '$lib/domain/toc';
import type { NetworkLayoutInput } from './force';
import { lcg } from './random';
import type { TocLayoutInput } from './toc';

export function syntheticNetwork(actors: number, handoffs: number, seed = 7): NetworkLayoutInput {
	const random = lcg(seed);
	const nodes = Array.from({ length: actors }, (_, i) => ({
		id: `a${String(i).padStart(4, '0')}`,
		label: `Actor number ${i} with a longish name`,
		sector: SECTORS[i % SECTORS.length]
	}));
	const links = Array.from({ length: handoffs }, (_, i) => {
		const s = Math.floor(random() * actors);
		let t = Math.floor(random() * actors);
		if (t === s) t = (t + 1) % actors;
		return { id: `h${i}`, source: nodes[s].id, target: nodes[t].id };
	});
	return { nodes, links };
}

/**
 * A theory of change of any size: steps spread over the seven bands, links from a lower band to a higher one (so the
 * graph is acyclic), some skipping bands as real ones do. Fixed by the seed.
 */
export function syntheticToc(nodes: number, links: number, seed = 11): TocLayoutInput {
	const random = lcg(seed);
	const steps = Array.from({ length: nodes }, (_, i) => {
		const kind = TOC_KINDS[Math.min(TOC_KINDS.length - 1, Math.floor((i / nodes) * TOC_KINDS.length))];
		return { id: `n${String(i).padStart(4, '0')}`, kind, title: `Step number ${i}, a plausible outcome with a longish title`, flags: i % 5 === 0 ? ['No indicator yet'] : [] };
	});
	const rank = (i: number) => TOC_KINDS.indexOf(steps[i].kind);
	const seen = new Set<string>();
	const out: TocLayoutInput['links'] = [];
	for (let attempts = 0; out.length < links && attempts < links * 50; attempts++) {
		const a = Math.floor(random() * nodes);
		const b = Math.floor(random() * nodes);
		if (rank(a) === rank(b)) continue;
		// Lower band (larger rank) leads to the higher one; mostly one band up, sometimes two.
		const [from, to] = rank(a) > rank(b) ? [a, b] : [b, a];
		if (rank(from) - rank(to) > 2) continue;
		const key = `${from}>${to}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ id: `l${out.length}`, from: steps[from].id, to: steps[to].id });
	}
	return { nodes: steps, links: out };
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
};

/**
 * Times `fn`: the median wall-clock and CPU milliseconds of `runs` after one warm-up. CPU time is the steadier figure
 * on a shared machine, where other processes stretch the wall clock.
 */
export function timeIt(fn: () => unknown, runs = 7): { wallMs: number; cpuMs: number } {
	fn();
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const startCpu = process.cpuUsage();
		const start = performance.now();
		fn();
		wall.push(performance.now() - start);
		const used = process.cpuUsage(startCpu);
		cpu.push((used.user + used.system) / 1000);
	}
	return { wallMs: median(wall), cpuMs: median(cpu) };
}
