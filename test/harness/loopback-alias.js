// A host name that is not loopback as a credential reads it, but that this process resolves to 127.0.0.1:
// what a credential Test sends to it stays on this machine. In the tests' own process call `aliasToLoopback`;
// for a real n8n, preload this file (NODE_OPTIONS=--require …) with PROOFPOINT_LOOPBACK_ALIAS set.
const dns = require('node:dns');
const http = require('node:http');

/** Under the reserved .test TLD: no resolver outside this process may answer for it. */
const LISTENER_HOST = 'proofpoint-listener.test';

const LOOPBACK = { address: '127.0.0.1', family: 4 };

/** Makes dns.lookup and dns.promises.lookup answer 127.0.0.1 for `host`; returns a function that undoes it. */
function aliasToLoopback(host = LISTENER_HOST) {
	const alias = host.toLowerCase();
	const { lookup } = dns;
	const promisesLookup = dns.promises.lookup;
	const isAlias = (hostname) => String(hostname).toLowerCase() === alias;
	const answer = (options) => (options && typeof options === 'object' && options.all ? [LOOPBACK] : LOOPBACK);

	dns.lookup = function aliasedLookup(hostname, options, callback) {
		if (!isAlias(hostname)) return lookup.apply(this, arguments);
		const done = typeof options === 'function' ? options : callback;
		const result = answer(typeof options === 'function' ? undefined : options);
		process.nextTick(() => (Array.isArray(result) ? done(null, result) : done(null, result.address, result.family)));
		return {};
	};
	dns.promises.lookup = async function aliasedPromisesLookup(hostname, options) {
		if (!isAlias(hostname)) return promisesLookup.call(this, hostname, options);
		return answer(options);
	};
	return () => {
		dns.lookup = lookup;
		dns.promises.lookup = promisesLookup;
	};
}

/**
 * A plain http server on 127.0.0.1 that answers every request 200 `{}` and records every connection and
 * every request (method, url, headers): a credential Test that leaks shows up here.
 */
async function startRecordingListener() {
	const connections = [];
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{}');
	});
	server.on('connection', (socket) => {
		const connection = { bytes: 0 };
		connections.push(connection);
		socket.on('data', (chunk) => (connection.bytes += chunk.length));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		port,
		url: `http://${LISTENER_HOST}:${port}`,
		connections,
		requests,
		clear() {
			connections.length = 0;
			requests.length = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

if (process.env.PROOFPOINT_LOOPBACK_ALIAS) aliasToLoopback(process.env.PROOFPOINT_LOOPBACK_ALIAS);

module.exports = { LISTENER_HOST, aliasToLoopback, startRecordingListener, PRELOAD: __filename };
