// A sandbox in its own process, as a remote API would be: its CPU time is not the client's.
// Started by remote-sandbox.js; answers 'report' with request counts and user types,
// 'requests' with the request log (method, path, status), {siem: method, args} by calling
// sb.siem[method](...args) (inject, addBurst, clear, threats…), {threatProtection: method, args}
// by calling sb.threatProtection[method](...args) (setList, lists, incidents, messages…),
// {user: [domain, email]} with sb.getUser(domain, email) and {advanceTime: ms} by moving its
// clock on (a new day for the rolling daily pools).
const { startSandbox, generateTenant } = require('../sandbox');

const options = JSON.parse(process.argv[2]);

startSandbox({
	...options.sandbox,
	tenant: options.tenant ? generateTenant(options.tenant) : undefined,
}).then((sb) => {
	process.on('message', async (message) => {
		if (message === 'report') {
			const users = options.tenant ? sb.state.orgs[options.tenant.domain].users : [];
			const types = {};
			for (const user of users) types[user.primary_email] = user.type;
			process.send({ requests: sb.requests.length, types });
		} else if (message === 'close') {
			await sb.close();
			process.exit(0);
		} else if (message === 'requests') {
			process.send(sb.requests.map(({ api, method, path, status }) => ({ api, method, path, status })));
		} else if (message?.siem) {
			process.send({ result: sb.siem[message.siem](...(message.args ?? [])) ?? null });
		} else if (message?.threatProtection) {
			process.send({ result: sb.threatProtection[message.threatProtection](...(message.args ?? [])) ?? null });
		} else if (message?.user) {
			process.send({ result: sb.getUser(...message.user) ?? null });
		} else if (message?.advanceTime !== undefined) {
			sb.advanceTime(message.advanceTime);
			process.send({ now: sb.now() });
		}
	});
	process.send({ url: sb.url, essentialsUrl: sb.essentialsUrl('us1'), essentialsThreatUrl: sb.essentialsThreatUrl('us'), tapUrl: sb.tapUrl, threatProtectionUrl: sb.threatProtectionUrl, now: sb.now() });
});
