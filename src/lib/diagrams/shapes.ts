// Each sector's colour and shape, so a sector never rests on colour alone. Shapes are SVG paths centred on 0,0.
import type { Sector } from '$lib/domain/map/enums';

export type ShapeName =
	| 'square'
	| 'circle'
	| 'diamond'
	| 'cross'
	| 'hexagon'
	| 'triangle'
	| 'pentagon'
	| 'octagon'
	| 'star'
	| 'triangle-down'
	| 'ellipse'
	| 'ring'
	| 'trapezium';

// Dark enough that white text inside passes 4.5:1 and the shape passes 3:1 against white.
export const SECTOR_STYLE: Record<Sector, { colour: string; shape: ShapeName }> = {
	police: { colour: '#1f4e99', shape: 'square' },
	childrens_services: { colour: '#7b2d8e', shape: 'circle' },
	adult_services: { colour: '#9c3d00', shape: 'diamond' },
	health: { colour: '#1a6b3a', shape: 'cross' },
	mental_health: { colour: '#00696b', shape: 'hexagon' },
	education: { colour: '#805300', shape: 'triangle' },
	housing: { colour: '#5c4033', shape: 'pentagon' },
	care_provider: { colour: '#b0174f', shape: 'octagon' },
	multi_agency: { colour: '#3d3d8f', shape: 'star' },
	voluntary: { colour: '#0b607a', shape: 'triangle-down' },
	family_community: { colour: '#5f5f00', shape: 'ellipse' },
	person: { colour: '#333333', shape: 'ring' },
	other: { colour: '#56606b', shape: 'trapezium' }
};

const f = (n: number) => Math.round(n * 100) / 100;

function polygon(sides: number, r: number, rotation = -Math.PI / 2): string {
	const points: string[] = [];
	for (let i = 0; i < sides; i++) {
		const a = rotation + (i * 2 * Math.PI) / sides;
		points.push(`${f(r * Math.cos(a))},${f(r * Math.sin(a))}`);
	}
	return `M${points.join('L')}Z`;
}

function circle(r: number): string {
	return `M${f(-r)},0A${f(r)},${f(r)} 0 1,0 ${f(r)},0A${f(r)},${f(r)} 0 1,0 ${f(-r)},0Z`;
}

/** The outline of a shape of "radius" r (about the same visual weight for every shape). */
export function shapePath(shape: ShapeName, r: number): string {
	switch (shape) {
		case 'square':
			return `M${f(-r * 0.88)},${f(-r * 0.88)}H${f(r * 0.88)}V${f(r * 0.88)}H${f(-r * 0.88)}Z`;
		case 'circle':
			return circle(r);
		case 'diamond':
			return polygon(4, r * 1.15);
		case 'cross': {
			const a = r * 0.4;
			const b = r;
			return `M${f(-a)},${f(-b)}H${f(a)}V${f(-a)}H${f(b)}V${f(a)}H${f(a)}V${f(b)}H${f(-a)}V${f(a)}H${f(-b)}V${f(-a)}H${f(-a)}Z`;
		}
		case 'hexagon':
			return polygon(6, r, 0);
		case 'triangle':
			return polygon(3, r * 1.2);
		case 'pentagon':
			return polygon(5, r * 1.05);
		case 'octagon':
			return polygon(8, r, Math.PI / 8);
		case 'star': {
			const points: string[] = [];
			for (let i = 0; i < 10; i++) {
				const a = -Math.PI / 2 + (i * Math.PI) / 5;
				const radius = i % 2 === 0 ? r * 1.2 : r * 0.55;
				points.push(`${f(radius * Math.cos(a))},${f(radius * Math.sin(a))}`);
			}
			return `M${points.join('L')}Z`;
		}
		case 'triangle-down':
			return polygon(3, r * 1.2, Math.PI / 2);
		case 'ellipse':
			return `M${f(-r * 1.2)},0A${f(r * 1.2)},${f(r * 0.75)} 0 1,0 ${f(r * 1.2)},0A${f(r * 1.2)},${f(r * 0.75)} 0 1,0 ${f(-r * 1.2)},0Z`;
		case 'ring':
			// A filled circle; the renderer adds an inner white ring (see hasInnerRing).
			return circle(r);
		case 'trapezium':
			return `M${f(-r * 0.6)},${f(-r * 0.8)}H${f(r * 0.6)}L${f(r)},${f(r * 0.8)}H${f(-r)}Z`;
	}
}

export const sectorShape = (sector: Sector, r: number) => shapePath(SECTOR_STYLE[sector].shape, r);

/**
 * How far each shape reaches from its centre across and up or down, as multiples of r: the box labels keep clear of.
 * (The triangles, the star and the ellipse reach furthest, 1.2 r.)
 */
export const SHAPE_REACH: Record<ShapeName, { x: number; y: number }> = {
	square: { x: 0.88, y: 0.88 },
	circle: { x: 1, y: 1 },
	diamond: { x: 1.15, y: 1.15 },
	cross: { x: 1, y: 1 },
	hexagon: { x: 1, y: 0.87 },
	triangle: { x: 1.04, y: 1.2 },
	pentagon: { x: 1, y: 1.05 },
	octagon: { x: 0.93, y: 0.93 },
	star: { x: 1.15, y: 1.2 },
	'triangle-down': { x: 1.04, y: 1.2 },
	ellipse: { x: 1.2, y: 0.75 },
	ring: { x: 1, y: 1 },
	trapezium: { x: 1, y: 0.8 }
};

export const sectorReach = (sector: Sector, r: number) => {
	const reach = SHAPE_REACH[SECTOR_STYLE[sector].shape];
	return { x: reach.x * r, y: reach.y * r };
};

/** The ring shape is a circle with a white inner ring, drawn as a second element. */
export const hasInnerRing = (sector: Sector) => SECTOR_STYLE[sector].shape === 'ring';
