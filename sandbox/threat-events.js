'use strict';

const { createRandom } = require('./random');
const { isTrue } = require('./coerce');
const { isAncestor } = require('./tenant');
const {
	createThreatPool,
	statusAt,
	threatsNear,
	describeThreat,
	describeCampaign,
} = require('./threat-pool');
const { shapeEvent, rewrittenUrl, destinations } = require('./threat-event-shapes');
const {
	Message,
	EventRecord,
	lowerBound,
	mergeSorted,
	distinctPicks,
} = require('./threat-event-records');

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const KINDS = ['messagesDelivered', 'messagesBlocked', 'clicksPermitted', 'clicksBlocked'];
// Cumulative shares of the four kinds: 35/35/15/15 %.
const KIND_SHARES = [0.35, 0.7, 0.85, 1];
const DEFAULT_STATUSES = ['active', 'cleared'];
const DEFAULTS = {
	seed: 7,
	perHour: 12,
	spanDays: 8,
	lateMaxMinutes: 30,
	multiRecipientShare: 0.3,
	variantShare: 0.2,
	plainTextShare: 0.1,
	// Some threats turn cleared or false positive hours after they are first seen.
	statusChanges: true,
};

const isClick = (kind) => kind.startsWith('clicks');

function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	if (value instanceof Date) return value.getTime();
	const ms = typeof value === 'number' ? value : Date.parse(value);
	if (Number.isNaN(ms)) throw new Error(`Not a time: ${value}`);
	return ms;
}

function checkKind(kind) {
	if (!KINDS.includes(kind)) {
		throw new Error(`Unknown event kind ${kind}; use one of ${KINDS.join(', ')}`);
	}
}

/** Who receives an org's mail in the sandbox: its active users, silent ones aside. */
function mailboxesOf(record) {
	const addresses = record.users
		.filter((user) => isTrue(user.is_active) && user.type !== 'silent_user')
		.map((user) => user.primary_email);
	return addresses.length ? addresses : [`postmaster@${record.org.primary_domain}`];
}

/** The org whose mail TAP protects: the tenant's first customer org (acme in the demo tenant). */
function tapOrgOf(tenant) {
	const records = Object.values(tenant.orgs);
	return records.find((record) => record.org.type === 'organization') ?? records[0];
}

// Most events are indexed within a minute; some take up to 10 minutes, a few up to lateMaxMinutes.
function indexingDelay(random, lateMaxMinutes) {
	const roll = random.next();
	const longest = Math.max(1, lateMaxMinutes) * MINUTE_MS;
	const tenMinutes = Math.min(10 * MINUTE_MS, longest);
	if (roll < 0.8) return random.int(0, MINUTE_MS);
	if (roll < 0.95) return random.int(MINUTE_MS, tenMinutes);
	return random.int(tenMinutes, longest);
}

const threatTypesFor = (kind, platform) => {
	if (isClick(kind)) return ['url'];
	// Essentials sends threatType URL or attachment only (docs/api-facts.md#essentials-threat-api).
	return platform === 'tap' ? ['url', 'attachment', 'messageText'] : ['url', 'attachment'];
};

/**
 * The seeded store of threat events behind the TAP SIEM and Essentials Threat APIs. Each
 * platform's events are generated when first asked for, around `anchor` (the clock when the
 * sandbox started), so the result is the same as generating at start, and costs nothing unused.
 */
function createThreatEvents({ siem, tenant, anchor, clock }) {
	const config = { ...DEFAULTS, ...(siem || {}) };
	const pool = createThreatPool({ seed: config.seed, anchor, spanDays: config.spanDays, statusChanges: config.statusChanges });
	const injected = createRandom(config.seed * 131 + 17);
	const plainText = createRandom(config.seed * 257 + 3);
	const customerUuid = createRandom(config.seed * 17 + 3).uuid();
	const tapOrg = tapOrgOf(tenant);
	const env = {
		customerUuid,
		tenantToken: customerUuid.replace(/-/g, '').slice(0, 12),
		tapCluster: `${tapOrg.org.primary_domain.split('.')[0]}_hosted`,
		// Essentials' cluster names are not documented: the stack's name stands in [I].
		clusterOf: (record) =>
			record.platform === 'tap' ? env.tapCluster : `${record.org.stacks[0]}_hosted`,
	};
	const lists = new Map();
	const generated = { tap: siem === false, essentials: siem === false };
	let byId = null;

	const listOf = (platform, kind) => {
		const key = `${platform} ${kind}`;
		if (!lists.has(key)) lists.set(key, []);
		return lists.get(key);
	};

	function peopleOf(platform, record) {
		return {
			platform,
			org: record,
			parent: (record.parent && tenant.orgs[record.parent]) || null,
			mailboxes: mailboxesOf(record),
		};
	}

	function peopleFor(platform, domain) {
		if (platform === 'tap') return peopleOf('tap', tapOrg);
		const record = domain ? tenant.orgs[String(domain).toLowerCase()] : tapOrg;
		if (!record) throw new Error(`No organisation ${domain} in the tenant`);
		return peopleOf('essentials', record);
	}

	/** Threats an event at `time` may carry; `steady` ones never change status (for added events). */
	function candidatesFor(kind, platform, time, steady) {
		const near = threatsNear(pool, time, threatTypesFor(kind, platform));
		const unchanging = near.filter((threat) => threat.changeAt === null);
		return steady && unchanging.length ? unchanging : near;
	}

	function pickThreats(random, message, steady) {
		const candidates = candidatesFor(message.kind, message.people.platform, message.time, steady);
		const threats = [random.pick(candidates)];
		if (!isClick(message.kind) && candidates.length > 1 && random.chance(0.2)) {
			const second = random.pick(candidates);
			if (second !== threats[0]) threats.push(second);
		}
		return threats;
	}

	/** A generated message's choices, drawn from its own seed when first read. */
	function drawGenerated(message) {
		const random = message.choices();
		return {
			recipients: distinctPicks(random, message.people.mailboxes, message.recipientCount),
			threats: pickThreats(random, message, false),
			rewrite: random.chance(0.7) ? 'v3' : 'v2',
			clickRewritten: random.chance(0.5),
		};
	}

	function recordsOf(random, message, { visibleAt, variant = () => 0 }) {
		return Array.from(
			{ length: message.recipientCount },
			(_, index) => new EventRecord(random, { message, index, visibleAt, variant: variant() }),
		);
	}

	function occurrence(random, people, time) {
		const roll = random.next();
		const kind = KINDS[KIND_SHARES.findIndex((share) => roll < share)];
		const multiple = !isClick(kind) && random.chance(config.multiRecipientShare);
		const recipientCount = multiple ? Math.min(random.int(2, 4), people.mailboxes.length) : 1;
		const message = new Message(random, {
			kind,
			people,
			time,
			recipientCount,
			draw: drawGenerated,
		});
		const visibleAt = time + indexingDelay(random, config.lateMaxMinutes);
		const variant = () =>
			people.platform === 'tap' && random.chance(config.variantShare) ? random.int(1, 15) : 0;
		return recordsOf(random, message, { visibleAt, variant });
	}

	function generatePopulation(random, people) {
		const span = config.spanDays * DAY_MS;
		const count = Math.round(config.perHour * 2 * config.spanDays * 24);
		const times = new Float64Array(count);
		for (let i = 0; i < count; i++) times[i] = Math.floor(anchor - span + random.next() * 2 * span);
		times.sort();
		for (const time of times) {
			for (const record of occurrence(random, people, time)) {
				listOf(record.platform, record.kind).push(record);
			}
		}
	}

	// Each platform's events come from a stream of their own.
	function ensureGenerated(platform) {
		if (generated[platform]) return;
		generated[platform] = true;
		if (platform === 'tap') {
			generatePopulation(createRandom(config.seed), peopleFor('tap'));
		} else {
			const random = createRandom(config.seed * 7 + 11);
			for (const record of Object.values(tenant.orgs)) {
				generatePopulation(random, peopleOf('essentials', record));
			}
		}
		for (const kind of KINDS) listOf(platform, kind).sort((a, b) => a.time - b.time);
		if (byId) indexRecords(KINDS.flatMap((kind) => listOf(platform, kind)));
	}

	/** Records by id, built when first needed (the URL decoder, rewrittenUrl) and kept up to date. */
	function indexRecords(records) {
		if (!byId) {
			byId = new Map();
			for (const list of lists.values()) for (const record of list) byId.set(record.id, record);
		}
		for (const record of records) byId.set(record.id, record);
	}

	const topOrg = () => Object.values(tenant.orgs).find((record) => !record.parent) ?? tapOrg;

	/** Essentials: the primary domains whose events a key of `org` reads; TAP: null (no scoping). */
	function orgsInScope({ platform, org, ownData, customerData }) {
		if (platform === 'tap') return null;
		const record = org ? tenant.orgs[String(org).toLowerCase()] : topOrg();
		const domains = new Set();
		if (!record) return domains;
		if (ownData) domains.add(record.org.primary_domain);
		if (customerData) {
			for (const child of Object.values(tenant.orgs)) {
				if (isAncestor(tenant, record, child)) domains.add(child.org.primary_domain);
			}
		}
		return domains;
	}

	function threatsMatch(record, { types, statuses, visibleAt }) {
		return record.message.threats.some(
			(threat) =>
				(!types.length || types.includes(threat.type)) &&
				statuses.includes(statusAt(threat, visibleAt)),
		);
	}

	/** Stored records of one kind in [start, end), visible at `visibleAt`, in the answer's order. */
	function recordsIn(kind, query) {
		ensureGenerated(query.platform);
		const list = listOf(query.platform, kind);
		const found = [];
		for (let i = lowerBound(list, query.start); i < list.length && list[i].time < query.end; i++) {
			const record = list[i];
			if (record.visibleAt > query.visibleAt) continue;
			if (query.orgs && !query.orgs.has(record.org.org.primary_domain)) continue;
			if (threatsMatch(record, query)) found.push(record);
		}
		// The API promises no order: the sandbox's is arbitrary but the same every time.
		return found.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
	}

	/** {kind: [event…]} for a query; what truth() and the SIEM answers are made of. */
	function select(options = {}) {
		const platform = options.platform ?? 'tap';
		const query = {
			platform,
			start: toMs(options.start, -Infinity),
			end: toMs(options.end, Infinity),
			visibleAt: toMs(options.visibleAt, clock()),
			orgs: orgsInScope({
				platform,
				org: options.org,
				ownData: options.ownData ?? true,
				customerData: options.customerData ?? false,
			}),
			types: [].concat(options.threatType ?? []),
			statuses: [].concat(options.threatStatus ?? DEFAULT_STATUSES),
		};
		const answer = {};
		for (const kind of options.kinds ?? KINDS) {
			answer[kind] = recordsIn(kind, query).map((record) =>
				shapeEvent(record, query.visibleAt, env),
			);
		}
		return answer;
	}

	/** select() of each organization's own data at once, in one pass over the range: {domain: {kind: [event…]}}. */
	function selectEach({ platform = 'tap', orgs, kinds = KINDS, start, end, visibleAt }) {
		const query = {
			platform,
			start: toMs(start, -Infinity),
			end: toMs(end, Infinity),
			visibleAt: toMs(visibleAt, clock()),
			orgs: new Set(orgs),
			types: [],
			statuses: DEFAULT_STATUSES,
		};
		const answer = Object.fromEntries(orgs.map((org) => [org, Object.fromEntries(kinds.map((kind) => [kind, []]))]));
		for (const kind of kinds) {
			for (const record of recordsIn(kind, query)) answer[record.org.org.primary_domain][kind].push(shapeEvent(record, query.visibleAt, env));
		}
		return answer;
	}

	function insert(records) {
		for (const record of records) {
			const list = listOf(record.platform, record.kind);
			list.splice(lowerBound(list, record.time + 1), 0, record);
		}
		if (byId) indexRecords(records);
	}

	function threatsById(threatIds) {
		return [].concat(threatIds).map((id) => {
			const threat = pool.threatById.get(id);
			if (!threat) throw new Error(`No threat ${id} in the pool`);
			return threat;
		});
	}

	/** A message for inject()/addBurst(): given recipients, given or steady threats. */
	function addedMessage({ kind, people, time, recipients, threats }) {
		const message = new Message(injected, { kind, people, time, drawn: { recipients } });
		message.drawn.threats = threats ?? pickThreats(injected, message, true);
		message.drawn.rewrite = injected.chance(0.7) ? 'v3' : 'v2';
		message.drawn.clickRewritten = injected.chance(0.5);
		return message;
	}

	/** Adds one event per recipient (one for a click); returns them as the API would send them now. */
	function inject(kind, partial = {}) {
		checkKind(kind);
		const {
			time,
			visibleAt,
			recipients,
			recipient,
			threats,
			platform = 'tap',
			org,
			GUID,
			id,
			messageTime,
			clickTime,
			...overrides
		} = partial;
		ensureGenerated(platform);
		const people = peopleFor(platform, org);
		const at = toMs(time ?? messageTime ?? clickTime, clock());
		const one = recipient ?? recipients?.[0] ?? injected.pick(people.mailboxes);
		const message = addedMessage({
			kind,
			people,
			time: at,
			recipients: isClick(kind) || !recipients ? [one] : recipients,
			threats: threats === undefined ? undefined : threatsById(threats),
		});
		if (GUID) message.GUID = GUID;
		if (Object.keys(overrides).length) message.overrides = overrides;
		const records = recordsOf(injected, message, { visibleAt: toMs(visibleAt, at) });
		if (id !== undefined) {
			if (records.length > 1) throw new Error('id can only be given for a single event');
			records[0].id = id;
		}
		insert(records);
		return records.map((record) => shapeEvent(record, clock(), env));
	}

	/** Adds `count` single-recipient events of one kind evenly over [start, start + durationMs). */
	function addBurst({ kind, start, durationMs = HOUR_MS, count, platform = 'tap', org }) {
		checkKind(kind);
		ensureGenerated(platform);
		const people = peopleFor(platform, org);
		const from = toMs(start, clock());
		const threats = candidatesFor(kind, platform, from + durationMs, true);
		const added = [];
		for (let i = 0; i < count; i++) {
			const message = addedMessage({
				kind,
				people,
				time: from + Math.floor((i * durationMs) / count),
				recipients: [people.mailboxes[i % people.mailboxes.length]],
				threats: [threats[i % threats.length]],
			});
			added.push(
				new EventRecord(injected, { message, index: 0, visibleAt: message.time, variant: 0 }),
			);
		}
		lists.set(`${platform} ${kind}`, mergeSorted(listOf(platform, kind), added));
		if (byId) indexRecords(added);
		return added.length;
	}

	function clear() {
		generated.tap = true;
		generated.essentials = true;
		lists.clear();
		byId = null;
	}

	function recordOf(eventOrId) {
		ensureGenerated('tap');
		indexRecords([]);
		return byId.get(typeof eventOrId === 'string' ? eventOrId : eventOrId?.id);
	}

	/** The URL Defense rewrite of `url` (default: the event's first URL threat) for its recipient. */
	function rewrittenUrlOf(eventOrId, url) {
		const record = recordOf(eventOrId);
		if (!record) throw new Error('No such event in the store');
		const target = url ?? destinations(record)[0];
		if (!target) throw new Error('This event has no URL threat');
		return rewrittenUrl(record, target, env);
	}

	/** The event a decoded rewrite belongs to: {messageGuid, clusterName, recipientEmail} or null. */
	function rewriteOrigin(token, url) {
		const record = token ? recordOf(token) : undefined;
		if (!record || !destinations(record).includes(url)) return null;
		return {
			messageGuid: record.message.GUID,
			clusterName: env.clusterOf(record),
			recipientEmail: record.recipient,
		};
	}

	return {
		pool,
		select,
		selectEach,
		rewriteOrigin,
		answerAsPlainText: () => plainText.chance(config.plainTextShare),
		api: {
			truth: select,
			inject,
			addBurst,
			clear,
			rewrittenUrl: rewrittenUrlOf,
			threats: () => pool.threats.map(describeThreat),
			campaigns: () => pool.campaigns.map(describeCampaign),
		},
	};
}

module.exports = { createThreatEvents, KINDS, SIEM_DEFAULTS: DEFAULTS };
