// How a run in real n8n ended, and a matcher that shows what n8n said when it ended otherwise.
// Requiring this module adds `expect(result).toHaveEnded({...})` to the test file.

const { barred, tail } = require('./text');

const errorOf = (error) => error && { name: error.name, message: error.message, description: error.description, httpCode: error.httpCode };

/** A run's outcome as n8n stored it: the execution's status and error, the error of `node`. */
const outcomeOf = (result, node = 'Proofpoint') => ({
	status: result.run?.status,
	error: errorOf(result.error),
	nodeError: errorOf(result.nodeError(node)),
});

/** What n8n printed while it ran the workflow, and the execution's error. */
const n8nSaid = (result) =>
	`n8n's log meanwhile:\n${barred(tail(result.log ?? '') || '(empty)')}\n\nthe execution's error:\n${barred(JSON.stringify(errorOf(result.error), null, 2) ?? '(none)')}`;

expect.extend({
	/**
	 * `expect(result).toHaveEnded({status, error…})`: the outcome matches (as toMatchObject); on a
	 * mismatch the message also shows what n8n said: its log while it ran, and the execution's error.
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

/** A run that worked: status success, no error anywhere. */
const SUCCEEDED = { status: 'success', error: undefined, nodeError: undefined };

module.exports = { SUCCEEDED, outcomeOf, n8nSaid, barred, tail };
