const { mapWithConcurrency } = require('../../dist/nodes/Proofpoint/helpers/concurrency');

/** A task whose calls finish only when the test says so, counting how many are open at once. */
function controlledTask() {
	const open = new Map();
	let inFlight = 0;
	let maxInFlight = 0;
	const task = (input) =>
		new Promise((resolve, reject) => {
			inFlight += 1;
			maxInFlight = Math.max(maxInFlight, inFlight);
			open.set(input, {
				resolve: (value) => {
					inFlight -= 1;
					resolve(value);
				},
				reject: (error) => {
					inFlight -= 1;
					reject(error);
				},
			});
		});
	return { task, open, maxInFlight: () => maxInFlight };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
	test('keeps the inputs’ order whatever order the tasks finish in', async () => {
		const { task, open } = controlledTask();
		const result = mapWithConcurrency(['a', 'b', 'c'], 3, task);
		await settle();
		open.get('c').resolve('C');
		open.get('a').resolve('A');
		open.get('b').resolve('B');
		await expect(result).resolves.toEqual(['A', 'B', 'C']);
	});

	test('never has more than the limit in flight, and starts the next as one finishes', async () => {
		const { task, open, maxInFlight } = controlledTask();
		const inputs = ['u1', 'u2', 'u3', 'u4', 'u5'];
		const result = mapWithConcurrency(inputs, 2, task);
		await settle();
		expect([...open.keys()]).toEqual(['u1', 'u2']);
		open.get('u2').resolve(2);
		await settle();
		expect([...open.keys()]).toEqual(['u1', 'u2', 'u3']);
		open.get('u1').resolve(1);
		open.get('u3').resolve(3);
		await settle();
		open.get('u4').resolve(4);
		open.get('u5').resolve(5);
		await expect(result).resolves.toEqual([1, 2, 3, 4, 5]);
		expect(maxInFlight()).toBe(2);
	});

	test('passes each input with its index', async () => {
		await expect(mapWithConcurrency(['x', 'y'], 8, async (input, index) => `${index}:${input}`)).resolves.toEqual([
			'0:x',
			'1:y',
		]);
	});

	test('gives an empty list for no inputs without calling the task', async () => {
		const task = jest.fn();
		await expect(mapWithConcurrency([], 4, task)).resolves.toEqual([]);
		expect(task).not.toHaveBeenCalled();
	});

	test('still runs one at a time when the limit is 0', async () => {
		const { task, open, maxInFlight } = controlledTask();
		const result = mapWithConcurrency(['only', 'then'], 0, task);
		await settle();
		open.get('only').resolve(1);
		await settle();
		open.get('then').resolve(2);
		await expect(result).resolves.toEqual([1, 2]);
		expect(maxInFlight()).toBe(1);
	});

	test('rejects with the first failure', async () => {
		const failing = async (input) => {
			if (input === 'bad') throw new Error('PUT bad failed');
			return input;
		};
		await expect(mapWithConcurrency(['ok', 'bad', 'ok2'], 2, failing)).rejects.toThrow('PUT bad failed');
	});
});

describe('staggered start', () => {
	test('worker n waits n × the gap before its first task, and results keep their order', async () => {
		const waits = [];
		const started = [];
		const result = await mapWithConcurrency(
			['a', 'b', 'c', 'd', 'e'],
			3,
			async (input) => {
				started.push(input);
				return input.toUpperCase();
			},
			{ startGapMs: 5, wait: async (ms) => waits.push(ms) },
		);

		expect(waits).toEqual([5, 10]);
		expect(started.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(result).toEqual(['A', 'B', 'C', 'D', 'E']);
	});
});
