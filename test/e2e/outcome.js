// How a headless `n8n execute` ended, and a matcher that shows what n8n said when it ended otherwise.
// Requiring this module adds `expect(result).toHaveEnded({...})` to the test file.

const tail = (text, length = 4000) => (text.length > length ? `…${text.slice(-length)}` : text);

/** The log lines n8n printed, without the (long) run data line. */
function logOf(stdout) {
	return stdout
		.split('\n')
		.map((line) => {
			try {
				return JSON.parse(line).message;
			} catch {
				return line;
			}
		})
		.filter((message) => typeof message === 'string' && message.trim() !== '' && !message.trim().startsWith('{'))
		.join('\n');
}

const errorOf = (error) => error && { name: error.name, message: error.message, description: error.description, httpCode: error.httpCode };

/** A run's outcome as n8n reports it: exit code, the execution's status and error, the error of `node`. */
const outcomeOf = (result, node = 'Proofpoint') => ({
	code: result.code,
	status: result.run?.status,
	error: errorOf(result.error),
	nodeError: errorOf(result.nodeError(node)),
});

/** Each line behind a bar, so no line n8n printed (its stack traces) passes for a frame of the test's own stack. */
const barred = (text) =>
	text
		.split('\n')
		.map((line) => `│ ${line}`)
		.join('\n');

/** What n8n printed for a run: its log (without the run data) and its stderr. */
const n8nSaid = (result) =>
	`n8n's log:\n${barred(tail(logOf(result.stdout)) || '(empty)')}\n\nn8n's stderr:\n${barred(tail(result.stderr) || '(empty)')}`;

expect.extend({
	/**
	 * `expect(result).toHaveEnded({code, status, error…})`: the outcome matches (as toMatchObject); on a
	 * mismatch the message also shows what n8n said: its log (without the run data) and its stderr.
	 */
	toHaveEnded(result, expected) {
		try {
			expect(outcomeOf(result)).toMatchObject(expected);
		} catch (error) {
			return { pass: false, message: () => `${error.message}\n\n${n8nSaid(result)}` };
		}
		return { pass: true, message: () => 'expected the run not to end like that' };
	},
});

/** A run that worked: exit code 0, status success, no error anywhere. */
const SUCCEEDED = { code: 0, status: 'success', error: undefined, nodeError: undefined };

module.exports = { SUCCEEDED, logOf, outcomeOf, n8nSaid, barred, tail };
