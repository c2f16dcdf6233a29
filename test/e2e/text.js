// How the end-to-end tests quote what n8n printed (plain Node, no jest: npm start uses it too).

/** The end of a long text. */
const tail = (text, length = 4000) => (text.length > length ? `…${text.slice(-length)}` : text);

/** Each line behind a bar, so no line n8n printed (its stack traces) passes for a frame of the test's own stack. */
const barred = (text) =>
	text
		.split('\n')
		.map((line) => `│ ${line}`)
		.join('\n');

module.exports = { tail, barred };
