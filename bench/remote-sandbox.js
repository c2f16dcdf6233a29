// Starts sandbox-child.js and talks to it over IPC.
const { fork } = require('node:child_process');
const path = require('node:path');
const { once } = require('node:events');

async function startRemoteSandbox(options) {
	const child = fork(path.join(__dirname, 'sandbox-child.js'), [JSON.stringify(options)]);
	const [ready] = await once(child, 'message');
	const ask = async (question) => {
		child.send(question);
		const [answer] = await once(child, 'message');
		return answer;
	};
	return {
		...ready,
		report: () => ask('report'),
		close: async () => {
			child.send('close');
			await once(child, 'exit');
		},
	};
}

module.exports = { startRemoteSandbox };
