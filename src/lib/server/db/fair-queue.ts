// Fair turns at the embedded database. PGlite has one connection and takes queries strictly in the order they are
// asked, so under many concurrent requests each query of a request queues behind every other request's, and a page
// that needs several queries waits several full rounds while newer requests keep slipping their queries in ahead of
// its next one: under 50 connections a few requests waited 5 to 15 s. Here every query (or whole transaction) takes
// its turn in the order its request arrived: the oldest request in the process goes first whenever it is ready, so
// requests finish in about the order they came and none is overtaken by later ones. One turn at a time: the database
// could not do two anyway, and keeping its own queue empty leaves the order to this one.
// Work outside any request (jobs, start-up) ranks as a request arriving when it asks.
import { AsyncLocalStorage } from 'node:async_hooks';

const arrival = new AsyncLocalStorage<number>();
let arrivals = 0;
// Requests are numbered only once a client takes turns (the embedded database): on PostgreSQL nothing reads the
// number, and a store in use costs every promise of every request a little.
let numbering = false;

/** Runs `fn` (a request's handling) with the next arrival number: what it asks of the database ranks by it. */
export function inArrivalOrder<T>(fn: () => T): T {
	return numbering ? arrival.run(++arrivals, fn) : fn();
}

/** The arrival number of the request running now, or a fresh one for work outside any request. */
export function currentArrival(): number {
	return arrival.getStore() ?? ++arrivals;
}

// PGlite answers within promises, so turn after turn runs without the event loop ever coming round to read the
// requests arriving meanwhile: under 50 connections some waited 11 s before their first query could even be asked.
// At least once every slice the next turn waits for the loop to go round, which costs a few per cent of throughput.
const SLICE_MS = 10;

interface Waiting {
	rank: number;
	/** Ties (one request's parallel queries) go in the order they were asked. */
	order: number;
	start: () => void;
}

/** A queue that runs one task at a time, the lowest rank first, then first asked. */
export class FairQueue {
	#busy = false;
	#asked = 0;
	#yielded = 0;
	/** A binary heap by (rank, order). */
	#heap: Waiting[] = [];

	/** How many tasks wait for their turn (not counting the one running). */
	get waiting() {
		return this.#heap.length;
	}

	run<T>(task: () => Promise<T>, rank = currentArrival()): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const start = () => {
				let result: Promise<T>;
				try {
					result = task();
				} catch (err) {
					result = Promise.reject(err);
				}
				result.then(resolve, reject).finally(() => this.#next());
			};
			if (!this.#busy) {
				this.#busy = true;
				start();
			} else this.#push({ rank, order: ++this.#asked, start });
		});
	}

	#next() {
		const first = this.#pop();
		if (!first) {
			this.#busy = false;
			return;
		}
		const now = performance.now();
		if (now - this.#yielded < SLICE_MS) return first.start();
		this.#yielded = now;
		setImmediate(first.start);
	}

	#before(a: Waiting, b: Waiting) {
		return a.rank < b.rank || (a.rank === b.rank && a.order < b.order);
	}

	#push(item: Waiting) {
		const heap = this.#heap;
		heap.push(item);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.#before(heap[i], heap[parent])) break;
			[heap[i], heap[parent]] = [heap[parent], heap[i]];
			i = parent;
		}
	}

	#pop(): Waiting | undefined {
		const heap = this.#heap;
		if (heap.length === 0) return undefined;
		const top = heap[0];
		const last = heap.pop()!;
		if (heap.length > 0) {
			heap[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let least = i;
				if (left < heap.length && this.#before(heap[left], heap[least])) least = left;
				if (right < heap.length && this.#before(heap[right], heap[least])) least = right;
				if (least === i) break;
				[heap[i], heap[least]] = [heap[least], heap[i]];
				i = least;
			}
		}
		return top;
	}
}

/** What of a PGlite client takes turns: its queries, scripts and transactions. */
interface Turnable {
	query: (...args: never[]) => Promise<unknown>;
	exec: (...args: never[]) => Promise<unknown>;
	transaction: (...args: never[]) => Promise<unknown>;
}

/**
 * Makes every query, script and transaction of `client` take a turn in `queue`. A transaction holds its turn until it
 * ends (its own queries go through the transaction object, not through here).
 */
export function takeTurns<C extends Turnable>(client: C, queue = new FairQueue()): C {
	numbering = true;
	for (const name of ['query', 'exec', 'transaction'] as const) {
		const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
		(client as Record<string, unknown>)[name] = (...args: unknown[]) => queue.run(() => original(...args));
	}
	return client;
}
