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
		/** The sandbox's request log so far: {api, method, path, status} per request. */
		requests: () => ask('requests'),
		/** Calls sb.siem[method](...args) in the sandbox's process; resolves with what it returned. */
		siem: async (method, ...args) => (await ask({ siem: method, args })).result,
		/** Calls sb.threatProtection[method](...args) in the sandbox's process; resolves with what it returned. */
		threatProtection: async (method, ...args) => (await ask({ threatProtection: method, args })).result,
		/** sb.getUser(domain, email) in the sandbox's process. */
		getUser: async (domain, email) => (await ask({ user: [domain, email] })).result,
		/** Moves the sandbox's clock on by `ms`; resolves with its new time. */
		advanceTime: async (ms) => (await ask({ advanceTime: ms })).now,
		close: async () => {
			child.send('close');
			await once(child, 'exit');
		},
	};
}

module.exports = { startRemoteSandbox };
