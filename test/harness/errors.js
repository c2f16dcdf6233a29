// Errors in run data are objects of n8n's error classes (or copies of them); tests compare
// plain objects, so keep what a user would see and drop what is large or secret (the node,
// the request config with its auth headers).

function summarizeCause(cause) {
	if (cause === null || typeof cause !== 'object') return cause;
	const summary = { name: cause.name, message: cause.message };
	if (cause.code !== undefined) summary.code = cause.code;
	if (cause.response) {
		summary.status = cause.response.status;
		summary.responseBody = cause.response.data;
	}
	return summary;
}

const KEPT_FIELDS = [
	'description',
	'httpCode',
	'context',
	'level',
	'messages',
	'itemIndex',
	'runIndex',
	'lineNumber',
	'functionality',
	'failure',
];

function toPlainError(error) {
	if (error === undefined || error === null) return undefined;
	if (typeof error !== 'object') return { name: 'Error', message: String(error) };

	const plain = { name: error.name ?? error.constructor?.name ?? 'Error', message: error.message };
	for (const field of KEPT_FIELDS) {
		if (error[field] !== undefined) plain[field] = error[field];
	}
	if (error.node?.name) plain.nodeName = error.node.name;
	if (error.cause !== undefined) plain.cause = summarizeCause(error.cause);
	if (error.stack) plain.stack = error.stack;
	return plain;
}

module.exports = { toPlainError };
