'use strict';

// The CTR Incidents source of the Proofpoint Trigger, on the sandbox's clock: every Cloud Threat
// Response incident emitted exactly once over a simulated week of polls with late incidents, faults
// and restarts; a capped poll never moving its cursor past an incident it did not emit; updates
// emitted once each when asked for.
const { FAULT_MODES } = require('../../sandbox');
const { createRandom } = require('../../sandbox/random');
const { useSandbox, useFrozenClock, sandboxCredentials, threatProtectionCredential } = require('../support');
const { activeTrigger } = require('../harness');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const START = '2026-06-05T06:02:30.000Z';
const STATE_LIMIT_BYTES = 4096;

const quietLogger = { warn() {}, info() {}, debug() {}, error() {} };
const incidentsOf = (parameters) => ({ source: 'ctrIncidents', lookBackMinutes: 30, maxEventsPerPoll: 500, minMinutesBetweenReads: 0, options: { requestTimeout: 1000 }, ...parameters });
// Pacing is proven elsewhere; here the sandbox's clock stands still within a poll, so the key may make many calls a minute.
const credentialsFor = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });
const ctrSearches = (sb) => sb.requests.filter((request) => request.api === 'threatProtection' && request.path === '/api/v1/tric/incidents');

/** The sandbox's incidents created in [from, to): the ground truth. */
const createdBetween = (sb, from, to) =>
	sb.threatProtection
		.incidents()
		.filter((incident) => {
			const created = Date.parse(incident.createdAt);
			return created >= from && created < to;
		})
		.map((incident) => incident.id);

describe('CTR Incidents over a week', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ retryAfterSeconds: 0, slowMs: 1100, threatProtection: { ctrPerMinute: 600, arrivals: { everyMs: 7 * MINUTE, lateMs: 20 * MINUTE } } });

	test('emits every incident exactly once though some appear 20 minutes late, polls fail and n8n restarts', async () => {
		const random = createRandom(5);
		const trigger = activeTrigger({ parameters: incidentsOf({ simplify: true }), typeVersion: 1.1, credentials: credentialsFor(sb()), logger: quietLogger });
		const emitted = new Map();
		const figures = { polls: 0, faulted: 0, failedPolls: 0, restarts: 0, searches: 0, expiredTokens: 0, largestStateBytes: 0 };
		let fault = 0;
		const pollOnce = async (faulted) => {
			if (faulted) {
				// Every mode in turn; every other time on all three attempts, so the poll fails and the next one catches up.
				sb().failNext({ path: '/api/v1/tric/incidents', mode: FAULT_MODES[fault % FAULT_MODES.length], count: fault % 2 ? 3 : 1 });
				fault += 1;
				figures.faulted += 1;
			}
			const before = ctrSearches(sb()).length;
			const result = await trigger.poll();
			figures.polls += 1;
			const searches = ctrSearches(sb()).slice(before);
			figures.searches += searches.filter((search) => search.status !== 401).length;
			figures.expiredTokens += searches.filter((search) => search.status === 401).length;
			if (result.status === 'error') figures.failedPolls += 1;
			for (const item of result.items) emitted.set(item.json.id, (emitted.get(item.json.id) ?? 0) + 1);
			figures.largestStateBytes = Math.max(figures.largestStateBytes, JSON.stringify(trigger.inMemory()).length);
		};
		await pollOnce(false);
		const since = Date.parse(trigger.saved().since);
		// Every 15 minutes: a faulted poll retries with real waits, so a week stays a minute or two of test.
		for (let elapsed = 0; elapsed < 7 * 24 * HOUR; elapsed += 15 * MINUTE) {
			clock.advance(15 * MINUTE);
			if (random.next() < 0.02) {
				trigger.restart();
				figures.restarts += 1;
			}
			await pollOnce(random.next() < 0.06);
		}
		clock.advance(35 * MINUTE);
		await pollOnce(false);
		clock.advance(15 * MINUTE);
		await pollOnce(false);

		const expected = createdBetween(sb(), since, Date.parse(trigger.inMemory().cursor));
		expect(expected.length).toBeGreaterThan(1300);
		expect({ lost: expected.filter((id) => !emitted.has(id)), repeated: [...emitted].filter(([, count]) => count > 1).map(([id]) => id) }).toEqual({ lost: [], repeated: [] });
		expect([...emitted.keys()].filter((id) => !expected.includes(id))).toEqual([]);
		expect(figures.faulted).toBeGreaterThan(25);
		expect(figures.failedPolls).toBeGreaterThan(10);
		expect(figures.restarts).toBeGreaterThan(5);
		if (process.env.TRIGGER_FIGURES) process.stdout.write(`CTR week figures ${JSON.stringify({ ...figures, incidents: expected.length })}\n`);
		expect(figures.largestStateBytes).toBeLessThan(STATE_LIMIT_BYTES);
		// One search per poll, plus the retries of faulted ones: far inside 10 calls a minute.
		expect(figures.searches / figures.polls).toBeLessThan(1.2);
		// The sandbox's tokens last an hour: n8n renews one once an hour of polling, on the 401 that says it expired.
		expect(figures.expiredTokens).toBeLessThanOrEqual(Math.ceil((7 * 24 * HOUR + 50 * MINUTE) / HOUR) + 2);
		expect(figures.expiredTokens).toBeGreaterThan(7 * 24 * 0.8);
	}, 240000);
});

describe('CTR Incidents, capped and updated', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });

	test('a poll that finds more than Max Events per Poll emits the oldest ones and the next polls the rest: none skipped, none twice', async () => {
		const trigger = activeTrigger({ parameters: incidentsOf({ maxEventsPerPoll: 5 }), typeVersion: 1.1, credentials: credentialsFor(sb()), logger: quietLogger });
		await trigger.poll();
		const since = Date.parse(trigger.saved().since);
		// 23 incidents, three of them at the same second: the cap falls inside the backlog.
		const added = [];
		for (let index = 0; index < 23; index++) {
			added.push(sb().threatProtection.addIncident({ title: `Backlog ${index}`, createdAt: new Date(since + 60000 + Math.floor(index / 3) * 5000).toISOString() }).id);
		}
		clock.advance(10 * MINUTE);

		const batches = [];
		for (let poll = 0; poll < 6; poll++) {
			const result = await trigger.poll();
			batches.push(result.items.map((item) => item.json.id));
			clock.advance(MINUTE);
		}

		expect(batches.slice(0, 4).map((batch) => batch.length)).toEqual([5, 5, 5, 5]);
		expect(batches.flat().sort()).toEqual([...added].sort());
		expect(new Set(batches.flat()).size).toBe(23);
		// The cursor never passed an incident not yet emitted: each batch starts where the last stopped.
		const created = new Map(sb().threatProtection.incidents().map((incident) => [incident.id, Date.parse(incident.createdAt)]));
		for (let index = 1; index < 4; index++) expect(Math.min(...batches[index].map((id) => created.get(id)))).toBeGreaterThanOrEqual(Math.max(...batches[index - 1].map((id) => created.get(id))));
	});

	test('with Include Updated Incidents, an update emits the incident again once, marked "updated"', async () => {
		const trigger = activeTrigger({ parameters: incidentsOf({ includeUpdated: true }), typeVersion: 1.1, credentials: credentialsFor(sb()), logger: quietLogger });
		await trigger.poll();
		const incident = sb().threatProtection.addIncident({ title: 'Reported phish' });
		clock.advance(2 * MINUTE);
		const created = await trigger.poll();
		clock.advance(MINUTE);
		sb().threatProtection.updateIncident(incident.id, { state: 'closed' });
		clock.advance(2 * MINUTE);
		const updated = await trigger.poll();
		clock.advance(5 * MINUTE);
		const quiet = await trigger.poll();

		expect(created.items.map((item) => [item.json.id, item.json.change])).toEqual([[incident.id, 'created']]);
		expect(updated.items.map((item) => [item.json.id, item.json.change, item.json.state])).toEqual([[incident.id, 'updated', 'closed']]);
		expect(quiet.items).toEqual([]);
	});

	test('with Include Updated Incidents, a new incident is "created" though it appears late or changed before the poll; its later update once "updated"', async () => {
		const trigger = activeTrigger({ parameters: incidentsOf({ includeUpdated: true }), typeVersion: 1.1, credentials: credentialsFor(sb()), logger: quietLogger });
		await trigger.poll();
		clock.advance(2 * MINUTE);
		await trigger.poll();
		const since = Date.parse(trigger.saved().since);
		// Created inside the span the last poll read, but visible only now (updatedAt: now).
		const late = sb().threatProtection.addIncident({ title: 'Appears late', createdAt: new Date(Date.now() - MINUTE).toISOString() });
		// Created, then changed before the next poll (Cloud Threat Response adds messages, runs workflows).
		const enriched = sb().threatProtection.addIncident({ title: 'Changed at once' });
		clock.advance(10 * 1000);
		sb().threatProtection.updateIncident(enriched.id, { assignedUserName: 'soc.analyst' });
		// Created before the activation (Start From Now), seen first now: a change after it, never a creation.
		const older = sb().threatProtection.addIncident({ title: 'Before the activation', createdAt: new Date(since - 10 * MINUTE).toISOString() });
		clock.advance(2 * MINUTE);
		const first = await trigger.poll();
		sb().threatProtection.updateIncident(late.id, { state: 'closed' });
		clock.advance(2 * MINUTE);
		const second = await trigger.poll();
		clock.advance(2 * MINUTE);
		const quiet = await trigger.poll();

		const changes = (result) => result.items.map((item) => [item.json.title, item.json.change]).sort();
		expect(changes(first)).toEqual([['Appears late', 'created'], ['Before the activation', 'updated'], ['Changed at once', 'created']]);
		expect(changes(second)).toEqual([['Appears late', 'updated']]);
		expect(quiet.items).toEqual([]);
		expect(older.id).toEqual(expect.any(String));
	});

	test('turning Include Updated Incidents on or off emits no incident again; an update after it is "updated"', async () => {
		const trigger = activeTrigger({ parameters: incidentsOf({}), typeVersion: 1.1, credentials: credentialsFor(sb()), logger: quietLogger });
		await trigger.poll();
		const incident = sb().threatProtection.addIncident({ title: 'Before the switch' });
		clock.advance(2 * MINUTE);
		const created = await trigger.poll();
		trigger.restart(incidentsOf({ includeUpdated: true }));
		clock.advance(MINUTE);
		const afterOn = await trigger.poll();
		sb().threatProtection.updateIncident(incident.id, { state: 'closed' });
		const fresh = sb().threatProtection.addIncident({ title: 'After the switch' });
		clock.advance(2 * MINUTE);
		const updated = await trigger.poll();
		trigger.restart(incidentsOf({ includeUpdated: false }));
		clock.advance(MINUTE);
		const afterOff = await trigger.poll();

		expect(created.items.map((item) => item.json.id)).toEqual([incident.id]);
		expect(afterOn.items).toEqual([]);
		expect(updated.items.map((item) => [item.json.id, item.json.change]).sort()).toEqual([[incident.id, 'updated'], [fresh.id, 'created']].sort());
		expect(afterOff.items).toEqual([]);
	});

	test('asks nothing of TAP: the source needs only the Threat Protection credential', async () => {
		sb().clearRequests();
		const trigger = activeTrigger({ parameters: incidentsOf({}), typeVersion: 1.1, credentials: { proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { ctrCallsPerMinute: 600 }) }, logger: quietLogger });
		const result = await trigger.poll();

		expect(result.status).not.toBe('error');
		expect(sb().requests.every((request) => request.api === 'threatProtection')).toBe(true);
		expect(ctrSearches(sb())).toHaveLength(1);
	});
});
