// Times the network layout of 300 actors and 900 handoffs (target: under 250 ms) against a baseline measured in the
// same run (the layout of the 30-actor template map), and writes the figures to bench-results/map-layout.json.
// Usage: node scripts/bench-map.js
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
try {
	const { layoutNetwork } = await vite.ssrLoadModule('/src/lib/diagrams/force.ts');
	const { syntheticNetwork, timeIt } = await vite.ssrLoadModule('/src/lib/diagrams/synthetic.ts');
	const large = syntheticNetwork(300, 900);
	const small = syntheticNetwork(30, 35);
	const baseline = timeIt(() => layoutNetwork(small));
	const layout = timeIt(() => layoutNetwork(large));
	const layoutMs = layout.wallMs;
	const baselineMs = baseline.wallMs;
	const result = {
		at: new Date().toISOString(),
		layout300x900Ms: layout.wallMs,
		layout300x900CpuMs: layout.cpuMs,
		baseline30x35Ms: baseline.wallMs,
		baseline30x35CpuMs: baseline.cpuMs,
		ratio: Math.round((layoutMs / baselineMs) * 10) / 10,
		targetMs: 250,
		pass: layoutMs < 250
	};
	mkdirSync('bench-results', { recursive: true });
	writeFileSync('bench-results/map-layout.json', JSON.stringify(result, null, 2) + '\n');
	console.log(
		`Map layout, 300 actors / 900 handoffs: ${layoutMs} ms (median of 7, CPU ${layout.cpuMs} ms; target < 250 ms) — ${result.ratio}x the 30-actor baseline of ${baselineMs} ms`
	);
} finally {
	await vite.close();
}
