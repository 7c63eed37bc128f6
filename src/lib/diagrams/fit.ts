// Zoom to fit: the pan and zoom that show a set of boxes (nodes and their labels) as large as the canvas allows.
import type { Box } from './labels';

export interface View {
	x: number;
	y: number;
	k: number;
}

/** The view (translate x, y then scale k, in canvas units) that fits `boxes` inside width x height with a margin. */
export function fitView(boxes: Box[], width: number, height: number, margin = 24, maxZoom = 4): View {
	if (!boxes.length) return { x: 0, y: 0, k: 1 };
	const x0 = Math.min(...boxes.map((b) => b.x0));
	const y0 = Math.min(...boxes.map((b) => b.y0));
	const x1 = Math.max(...boxes.map((b) => b.x1));
	const y1 = Math.max(...boxes.map((b) => b.y1));
	const k = Math.min(maxZoom, (width - 2 * margin) / Math.max(x1 - x0, 1), (height - 2 * margin) / Math.max(y1 - y0, 1));
	// Centre the boxes: what is at the middle of their extent lands at the middle of the canvas.
	const round = (n: number) => Math.round(n * 100) / 100;
	return { k: round(k), x: round(width / 2 - ((x0 + x1) / 2) * k), y: round(height / 2 - ((y0 + y1) / 2) * k) };
}
