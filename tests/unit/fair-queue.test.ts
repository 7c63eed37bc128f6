// The embedded database's turns: one at a time, the earliest-arrived request first, so a request that has started is
// never overtaken by later ones however many queries it needs.
import { describe, expect, it, vi } from 'vitest';
import { FairQueue, inArrivalOrder, currentArrival, takeTurns } from '$lib/server/db/fair-queue';

/** A task that records its start and end, and takes a few turns of the event loop as a query does. */
function recorder() {
	const log: string[] = [];
	let running = 0;
	let most = 0;
	const task = (name: string) => async () => {
		running += 1;
		most = Math.max(most, running);
		log.push(`start ${name}`);
		await new Promise((r) => setTimeout(r, 1));
		log.push(`end ${name}`);
		running -= 1;
		return name;
	};
	return { log, task, most: () => most };
}

describe('FairQueue', () => {
	it('runs one task at a time', async () => {
		const queue = new FairQueue();
		const { task, most } = recorder();
		await Promise.all(['a', 'b', 'c', 'd'].map((n, i) => queue.run(task(n), i)));
		expect(most()).toBe(1);
	});

	it('serves the earliest-arrived request first, and in the order asked within one request', async () => {
		const queue = new FairQueue();
		const { log, task } = recorder();
		// Something holds the database; meanwhile later requests (3, 2) and then an earlier one (1) queue up.
		const busy = queue.run(task('busy'), 0);
		const waiting = [queue.run(task('3a'), 3), queue.run(task('2a'), 2), queue.run(task('3b'), 3), queue.run(task('1a'), 1), queue.run(task('2b'), 2)];
		await Promise.all([busy, ...waiting]);
		expect(log.filter((l) => l.startsWith('start'))).toEqual(['start busy', 'start 1a', 'start 2a', 'start 2b', 'start 3a', 'start 3b']);
	});

	it('lets a request that needs many queries finish before requests that came after it', async () => {
		const queue = new FairQueue();
		const ran: number[] = [];
		// Five requests arrive in order; each asks for three queries one after another (a page's load). In plain
		// first-asked order they would take turns round by round (1 2 3 4 5 1 2 3 4 5 ...), each finishing last.
		const request = (arrival: number) =>
			(async () => {
				for (let i = 0; i < 3; i++) await queue.run(async () => (ran.push(arrival), new Promise((r) => setTimeout(r, 1))), arrival);
			})();
		await Promise.all([1, 2, 3, 4, 5].map(request));
		expect(ran).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
	});

	it('lets the event loop go round while turns keep coming, so requests arriving meanwhile are read', async () => {
		const queue = new FairQueue();
		let done = 0;
		// Tasks that answer without the event loop (as PGlite's queries do), each holding the process for 1 ms.
		const busy = async () => {
			const until = performance.now() + 1;
			while (performance.now() < until);
			done += 1;
		};
		let doneWhenTheLoopCameRound: number | null = null;
		setImmediate(() => (doneWhenTheLoopCameRound = done));
		await Promise.all(Array.from({ length: 100 }, (_, i) => queue.run(busy, i)));
		expect(doneWhenTheLoopCameRound).not.toBeNull();
		expect(doneWhenTheLoopCameRound!).toBeLessThan(50);
	});

	it('passes on a task’s answer and its failure, and carries on after a failure', async () => {
		const queue = new FairQueue();
		const failing = queue.run(async () => {
			throw new Error('refused');
		}, 1);
		const thrown = queue.run(() => {
			throw new Error('thrown before any await');
		}, 2);
		const fine = queue.run(async () => 42, 3);
		await expect(failing).rejects.toThrow('refused');
		await expect(thrown).rejects.toThrow('thrown before any await');
		await expect(fine).resolves.toBe(42);
		expect(queue.waiting).toBe(0);
	});
});

/** A client standing in for PGlite's, recording the order it runs queries in; `hold` waits until released. */
function fakeClient() {
	const order: string[] = [];
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	const client = {
		query: async (sql: string) => {
			if (sql === 'hold') await held;
			order.push(sql);
			return sql;
		},
		exec: async (sql: string) => (order.push(sql), sql),
		transaction: async (fn: () => Promise<string>) => fn()
	};
	return { client, order, release: () => release() };
}

describe('arrival order', () => {
	it('numbers no request while no client takes turns (on PostgreSQL nothing reads the number)', async () => {
		// A fresh copy of the module, which no client has taken turns at.
		vi.resetModules();
		const fresh = await import('$lib/server/db/fair-queue');
		const [first, second] = await fresh.inArrivalOrder(async () => [fresh.currentArrival(), fresh.currentArrival()]);
		// Each read outside a numbered request is a fresh number, as work outside any request gets.
		expect(second).toBe(first + 1);
	});

	it('gives each request its own number, kept across awaits, and later numbers to later requests', async () => {
		takeTurns(fakeClient().client);
		const seen = await Promise.all(
			[0, 1, 2].map((i) =>
				inArrivalOrder(async () => {
					const first = currentArrival();
					await new Promise((r) => setTimeout(r, 3 - i));
					return [first, currentArrival()];
				})
			)
		);
		for (const [before, after] of seen) expect(after).toBe(before);
		expect(seen[0][0]).toBeLessThan(seen[1][0]);
		expect(seen[1][0]).toBeLessThan(seen[2][0]);
		// Work outside any request ranks after every request that has arrived.
		expect(currentArrival()).toBeGreaterThan(seen[2][0]);
	});

	it('orders a client’s queries and transactions by the arrival of the request asking', async () => {
		const { client, order, release } = fakeClient();
		takeTurns(client);
		const first = inArrivalOrder(() => client.query('hold'));
		// The second request arrives before the third but asks for its query after the third has asked.
		const second = inArrivalOrder(() => new Promise((r) => setTimeout(r, 1)).then(() => client.query('second request')));
		const third = inArrivalOrder(() => client.transaction(async () => (order.push('third request'), 'done')));
		await new Promise((r) => setTimeout(r, 10));
		release();
		await Promise.all([first, second, third]);
		expect(order).toEqual(['hold', 'second request', 'third request']);
	});
});
