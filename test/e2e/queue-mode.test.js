// Queue mode end to end: a real n8n main and one worker sharing Redis and a user folder (SQLite),
// the package installed there as a community package. A production webhook on main enqueues the
// run; the worker runs the Proofpoint node against the sandbox and main answers with its output.
const fs = require('node:fs');
const path = require('node:path');

const {
	prepareN8n,
	packPackage,
	newUserFolder,
	importCredentials,
	importWorkflow,
	cli,
	startN8n,
	freePort,
	NODE_TYPE,
} = require('../../scripts/n8n-runtime');
const { startSandbox } = require('../../sandbox');
const { sandboxCredentials } = require('../support');
const { startRedis } = require('./redis');

jest.setTimeout(240000);

const WEBHOOK_PATH = 'proofpoint-queue-test';
const CAROL = 'carol.jones@acme.example';
const CREDENTIAL = { id: 'ppEssentialsQueue', name: 'Proofpoint Essentials (sandbox)' };

/** Webhook (answers with the last node's first item) → Proofpoint User → Update, First Name from the request body. */
const renameFromWebhook = {
	id: 'ppQueueMode',
	name: 'Rename a user from a webhook (queue mode)',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'q1',
			name: 'Rename request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: 'b0c6d3c2-6f51-4c7e-9a43-0d5f2c1e7a11',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: 'q2',
			name: 'Rename in Proofpoint',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'user',
				operation: 'update',
				domain: 'acme.example',
				email: '={{ $json.body.email }}',
				updateFields: { firstname: '={{ $json.body.firstName }}' },
			},
			credentials: { proofpointEssentialsApi: CREDENTIAL },
		},
	],
	connections: { 'Rename request': { main: [[{ node: 'Rename in Proofpoint', type: 'main', index: 0 }]] } },
};

const renameRequest = (firstName) => ({ email: CAROL, firstName });
const uniqueName = (label) => `${label}-${Date.now().toString(36)}`;

async function postToWebhook(url, body) {
	const response = await fetch(`${url}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, text: await response.text() };
}

/** Polls `check` every 250 ms until it returns a truthy value; fails after `timeoutMs`. */
async function eventually(check, { timeoutMs, what }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check().catch(() => undefined);
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Main may answer 404 for a moment after it is ready, until the published webhook is registered. */
async function callWebhookOnceRegistered(main, body) {
	try {
		return await eventually(
			async () => {
				const reply = await postToWebhook(main.url, body);
				return reply.status === 404 ? undefined : reply;
			},
			{ timeoutMs: 30000, what: `the production webhook /webhook/${WEBHOOK_PATH}` },
		);
	} catch (error) {
		throw new Error(`${error.message}\n--- main ---\n${main.logs().slice(-3000)}`);
	}
}

const sandboxSaw = (sb) => sb.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
const enqueuedIds = (logs) => [...logs.matchAll(/Enqueued execution (\d+)/g)].map((match) => match[1]);
const READ_THEN_WRITE_CAROL = [`GET /orgs/acme.example/users/${CAROL} 200`, `PUT /orgs/acme.example/users/${CAROL} 204`];

describe('Queue mode: a worker runs the Proofpoint node for a production webhook', () => {
	const cleanups = [];
	let sb;
	let main;
	let worker;
	let startWorker;

	beforeAll(async () => {
		const n8n = prepareN8n();
		const tarball = packPackage();
		cleanups.push(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

		sb = await startSandbox();
		cleanups.push(() => sb.close());
		const redis = await startRedis();
		cleanups.push(() => redis.stop());

		// Main and worker share this folder: the package, the SQLite database and the encryption key.
		const userFolder = newUserFolder(tarball);
		cleanups.push(() => fs.rmSync(userFolder, { recursive: true, force: true }));
		await importCredentials(n8n, userFolder, [
			{ ...CREDENTIAL, type: 'proofpointEssentialsApi', data: sandboxCredentials(sb).proofpointEssentialsApi },
		]);
		await importWorkflow(n8n, userFolder, renameFromWebhook);
		// Publishing before `n8n start` lets main register the production webhook when it boots.
		const published = await cli(n8n, userFolder, ['publish:workflow', `--id=${renameFromWebhook.id}`]);
		if (published.code !== 0) throw new Error(`publish:workflow failed: ${published.stderr || published.stdout}`);

		const queue = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_PREFIX: `pp-queue-${process.pid}`,
		};
		main = await startN8n(n8n, userFolder, { command: 'start', env: queue });
		cleanups.push(() => main.stop());
		startWorker = async () => {
			// The worker serves /healthz on QUEUE_HEALTH_CHECK_PORT; N8N_PORT only tells startN8n where to poll.
			const healthPort = String(await freePort());
			return startN8n(n8n, userFolder, {
				command: 'worker',
				readyPath: '/healthz',
				env: {
					...queue,
					N8N_PORT: healthPort,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: healthPort,
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
			});
		};
		cleanups.push(() => worker?.stop());
		worker = await startWorker();
	});

	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				console.error(`queue-mode cleanup: ${error.message}`);
			}
		}
	});

	/** A non-200 answer fails with both processes' logs, which say why. */
	function expectAnswered(reply) {
		if (reply.status === 200) return JSON.parse(reply.text);
		const tail = (n8nProcess) => n8nProcess.logs().slice(-3000);
		throw new Error(`webhook answered ${reply.status}: ${reply.text}\n--- main ---\n${tail(main)}\n--- worker ---\n${tail(worker)}`);
	}

	it('renames Carol through the worker and answers the webhook with the updated user', async () => {
		const firstName = uniqueName('Queue');
		const reply = await callWebhookOnceRegistered(main, renameRequest(firstName));

		expect(expectAnswered(reply)).toMatchObject({ primary_email: CAROL, firstname: firstName, surname: 'Jones', is_active: true });
		expect(sandboxSaw(sb)).toEqual(READ_THEN_WRITE_CAROL);
		expect(sb.getUser('acme.example', CAROL).firstname).toBe(firstName);

		const ids = enqueuedIds(main.logs());
		expect(ids).toHaveLength(1);
		const [id] = ids;
		expect(worker.logs()).toMatch(new RegExp(`Worker started execution ${id}\\b`));
		expect(worker.logs()).toMatch(new RegExp(`Worker finished execution ${id}\\b`));
	});

	it('loads the node in both processes and runs it only on the worker', () => {
		for (const logs of [main.logs(), worker.logs()]) {
			expect(logs).not.toMatch(/Unrecognized node type/i);
			expect(logs).not.toMatch(/Failed to load package|Skipping package/);
		}
		expect(main.logs()).not.toMatch(/Worker (started|finished) execution/);
	});

	it('with no worker up, main only queues the run: Proofpoint sees nothing until a worker comes back', async () => {
		await worker.stop();
		sb.clearRequests();
		const before = sb.getUser('acme.example', CAROL).firstname;
		const firstName = uniqueName('Queued');
		const alreadyEnqueued = enqueuedIds(main.logs()).length;

		// Main holds this request open until a worker has run the execution ('lastNode').
		const pending = postToWebhook(main.url, renameRequest(firstName)).catch((error) => ({ status: 0, text: error.message }));
		const id = await eventually(async () => enqueuedIds(main.logs())[alreadyEnqueued], { timeoutMs: 30000, what: 'main to enqueue the run' });
		// Long enough for main to have run the node itself, were it going to.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(sb.requests).toEqual([]);
		expect(sb.getUser('acme.example', CAROL).firstname).toBe(before);

		worker = await startWorker();
		const reply = await pending;

		expect(expectAnswered(reply)).toMatchObject({ primary_email: CAROL, firstname: firstName });
		expect(sandboxSaw(sb)).toEqual(READ_THEN_WRITE_CAROL);
		expect(sb.getUser('acme.example', CAROL).firstname).toBe(firstName);
		expect(worker.logs()).toMatch(new RegExp(`Worker finished execution ${id}\\b`));
	});
});
