// A small seeded generator, so layouts come out the same for the same data on every machine.

/** Linear congruential generator (the constants d3-force itself uses), returning numbers in [0, 1). */
export function lcg(seed = 1): () => number {
	let s = (seed >>> 0) || 1;
	return () => {
		s = (1664525 * s + 1013904223) % 4294967296;
		return s / 4294967296;
	};
}

/** A 32-bit FNV-1a hash of a string: the seed and cache key of a layout. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
