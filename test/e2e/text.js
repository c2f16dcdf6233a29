// How the end-to-end tests quote what n8n printed (plain Node, no jest: npm start uses it too).

/** The end of a long text. */
const tail = (text, length = 4000) => (text.length > length ? `…${text.slice(-length)}` : text);

/** Each line behind a bar, so no line n8n printed (its stack traces) passes for a frame of the test's own stack. */
const barred = (text) =>
	text
		.split('\n')
		.map((line) => `│ ${line}`)
		.join('\n');

/** Appends `text` to an error's message and stack (jest prints the stack). */
function annotate(error, text) {
	if (!(error instanceof Error)) return new Error(`${String(error)}\n\n${text}`);
	// V8 writes the stack when it is first read, with the message of that moment: read it first.
	const { message: original, stack } = error;
	const message = `${original}\n\n${text}`;
	error.message = message;
	error.stack = typeof stack === 'string' && stack.includes(original) ? stack.replace(original, () => message) : `${message}\n${stack ?? ''}`;
	return error;
}

module.exports = { tail, barred, annotate };
