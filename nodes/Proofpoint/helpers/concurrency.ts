/**
 * Runs `task` over `inputs` with at most `limit` in flight; results keep the inputs' order.
 * Worker n starts after n × `startGap` (awaited through `wait`): workers that start together
 * get their answers together and queue on the CPU every round, while staggered ones stay apart.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
	stagger?: { startGapMs: number; wait: (ms: number) => Promise<void> },
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	const worker = async (_: unknown, workerIndex: number) => {
		if (stagger && workerIndex > 0) await stagger.wait(workerIndex * stagger.startGapMs);
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
	return results;
}
