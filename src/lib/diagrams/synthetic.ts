// A fixed, plausible-looking map of any size, for the layout benchmark and tests.
import { SECTORS } from '$lib/domain/map/enums';
import type { NetworkLayoutInput } from './force';
import { lcg } from './random';

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
