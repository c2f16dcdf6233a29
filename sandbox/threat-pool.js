'use strict';

const { createRandom } = require('./random');

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

// Made-up threat intelligence: every name here is the sandbox's own.
const CATALOGUE = {
	actors: ['TA-Sandbox-17', 'TA-Sandbox-42', 'Quiet Heron', 'Paper Lantern'],
	families: ['Credential Phishing', 'Malware', 'Banking Trojan', 'Business Email Compromise'],
	malware: ['SandLoader', 'Paperclip RAT', 'Inkdrop Stealer', 'Foglight Loader'],
	techniques: [
		'Malicious Macro',
		'HTML Smuggling',
		'Lookalike Domain',
		'QR Code Lure',
		'Callback Phishing',
	],
	brands: ['Microsoft 365', 'DocuSign', 'DHL', 'Adobe', 'Payroll Portal'],
};
const CAMPAIGN_NAMES = [
	'Overdue Invoice Wave',
	'Shared Document Lure',
	'Parcel Redelivery',
	'Payroll Update Request',
	'Voicemail Notification',
	'Tax Refund Notice',
	'Password Expiry Alert',
	'Executive Wire Request',
];
const BAD_HOSTS = [
	'secure-docs-share.example',
	'login-verify-account.test',
	'parcel-redelivery.example',
	'payroll-portal-update.test',
	'microsoft-online-sso.example',
	'files-viewer.test',
];
const URL_PATHS = [
	'/login',
	'/auth/session_start',
	'/doc/view?id=%ID%&ref=mail',
	'/track?parcel=%ID%#details',
	'/f/%ID%/Invoice-2026.html',
	'/caf%C3%A9/redirect?to=https%3A%2F%2Fexample.org%2F',
	'/façade/übersicht?lang=de',
	'/promo*deal/~user/index.php?a=1&b=two_words',
];
const ATTACHMENT_NAMES = [
	'Invoice_2026-0412.docm',
	'Remittance Advice.xlsm',
	'Scan_0098.pdf',
	'Payment Confirmation.html',
	'Voicemail-0415.htm',
	'Order details.zip',
];
const IMPOSTOR_LURES = [
	'Urgent wire transfer request',
	'Change of bank details',
	'Gift card purchase for the team',
	'Are you at your desk?',
];
const PLATFORMS = [
	{ name: 'windows10', os: 'windows', version: '10' },
	{ name: 'windows11', os: 'windows', version: '11' },
	{ name: 'macos', os: 'macos', version: '14' },
	{ name: 'android', os: 'android', version: '14' },
];
const EVIDENCE_BY_TYPE = {
	url: ['url', 'dns', 'network', 'screenshot', 'cookie', 'behavior'],
	attachment: [
		'attachment',
		'behavior',
		'dropper',
		'file',
		'ids',
		'mutex',
		'network',
		'process',
		'registry',
		'screenshot',
	],
	messageText: ['behavior'],
};
const STATUS_CHANGES = [
	'cleared',
	'cleared',
	'cleared',
	'cleared',
	'falsePositive',
	'falsePositive',
];

const iso = (ms) => new Date(ms).toISOString();

function catalogue(random) {
	const entries = {};
	for (const [kind, names] of Object.entries(CATALOGUE)) {
		entries[kind] = names.map((name) => ({ id: random.uuid(), name }));
	}
	return entries;
}

const someOf = (random, list, max) => random.shuffle(list).slice(0, random.int(0, max));

/** Spreads types so each one is present: 55 % url, 30 % attachment, 15 % messageText. */
function threatTypes(random, count) {
	const types = Array.from({ length: count }, (_, index) => {
		const slot = index % 20;
		return slot < 11 ? 'url' : slot < 17 ? 'attachment' : 'messageText';
	});
	return random.shuffle(types);
}

function category(random, type) {
	const roll = random.next();
	if (type === 'url') return roll < 0.6 ? 'phish' : roll < 0.9 ? 'malware' : 'spam';
	if (type === 'attachment') return roll < 0.75 ? 'malware' : 'phish';
	return roll < 0.8 ? 'impostor' : 'spam';
}

// An attachment's or message text's `threat` is a SHA-256 (here the threat's id) [I].
function threatValue(random, type, id) {
	if (type === 'url') {
		const path = random.pick(URL_PATHS).replace('%ID%', id.slice(0, 10));
		return `https://${random.pick(BAD_HOSTS)}${path}`;
	}
	return id;
}

function evidenceWhat(random, type, threat) {
	const host = threat.type === 'url' ? new URL(threat.threat).hostname : random.pick(BAD_HOSTS);
	const ip = `198.51.100.${random.int(2, 254)}`;
	switch (type) {
		case 'attachment':
			return {
				sha256: threat.sha256,
				md5: threat.md5,
				offset: 0,
				rule: 'macro_autoopen',
				size: threat.size,
			};
		case 'behavior':
			return { rule: random.pick(['credential_form', 'lookalike_brand', 'sender_spoof']) };
		case 'cookie':
			return { action: 'set', domain: host, key: 'session', value: random.words(2) };
		case 'dns':
			return {
				host,
				cnames: [],
				ips: [ip],
				nameservers: [`ns1.${host}`],
				nameserversList: [`ns1.${host}`],
			};
		case 'dropper':
			return {
				path: 'C:\\Users\\Public\\update.exe',
				rule: 'dropped_executable',
				url: `https://${host}/payload.bin`,
			};
		case 'file':
			return {
				action: 'create',
				md5: random.words(4),
				path: '%TEMP%\\svc.dll',
				rule: 'temp_dll',
				sha256: random.words(8),
				size: random.int(20000, 900000),
			};
		case 'ids':
			return { ids: `ET TROJAN ${random.pick(CATALOGUE.malware)} checkin`, name: 'suricata' };
		case 'mutex':
			return { name: `Global\\${random.words(1)}`, path: 'C:\\Windows\\System32\\rundll32.exe' };
		case 'network':
			return { action: 'connect', ip, port: random.pick([80, 443, 8443]), protocol: 'tcp' };
		case 'process':
			return { action: 'create', path: 'C:\\Windows\\System32\\cmd.exe' };
		case 'registry':
			return {
				action: 'set',
				key: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
				name: 'updater',
				rule: 'run_key_persistence',
				value: '%TEMP%\\svc.dll',
			};
		case 'screenshot':
			return { url: `https://sandbox-screenshots.example/${threat.id.slice(0, 16)}.png` };
		default:
			return {
				url: threat.threat,
				blacklisted: true,
				ip,
				httpStatus: 200,
				md5: random.words(4),
				offset: 0,
				rule: 'phish_kit',
				sha256: random.words(8),
				size: random.int(2000, 90000),
			};
	}
}

function forensicsOf(random, threat) {
	const types = random
		.shuffle(EVIDENCE_BY_TYPE[threat.type])
		.slice(0, threat.type === 'messageText' ? 1 : random.int(3, 6));
	return types.map((type, index) => ({
		type,
		display: `${type} evidence for ${threat.name}`,
		engine: random.pick(['sandbox', 'pdr', 'urldefense']),
		malicious: threat.changeTo !== 'falsePositive',
		note: index === 0 ? `First seen by the sandbox analysis of ${threat.name}` : '',
		time: iso(threat.time + (index + 1) * 60000),
		what: evidenceWhat(random, type, threat),
		platforms: random.shuffle(PLATFORMS).slice(0, random.int(1, 2)),
	}));
}

function makeThreat(random, { type, time, names }) {
	const id = random.words(8);
	const threat = {
		id,
		type,
		category: category(random, type),
		time,
		campaign: null,
		changeAt: null,
		changeTo: null,
		toad: false,
		sha256: type === 'url' ? null : id,
		md5: random.words(4),
		size: random.int(4000, 2000000),
		filename: type === 'attachment' ? random.pick(ATTACHMENT_NAMES) : null,
		severity: random.int(100, 1000),
		attackSpread: random.int(1, 400),
		notable: random.chance(0.2),
		verticals: random.chance(0.4),
		geographies: random.chance(0.3),
		alternativeNames: false,
		intel: {
			actors: someOf(random, names.actors, 1),
			families: someOf(random, names.families, 2),
			malware: type === 'attachment' ? someOf(random, names.malware, 1) : [],
			techniques: someOf(random, names.techniques, 2),
			brands: someOf(random, names.brands, 1),
		},
	};
	threat.threat = threatValue(random, type, id);
	threat.name =
		type === 'url'
			? new URL(threat.threat).hostname
			: type === 'attachment'
				? threat.filename
				: random.pick(IMPOSTOR_LURES);
	return threat;
}

/** Gives a fixed share of threats a later status, and some attachments the toad label (Essentials). */
function markSome(random, threats, statusChanges) {
	const order = random.shuffle(threats);
	order.slice(0, STATUS_CHANGES.length).forEach((threat, index) => {
		// Drawn either way, so turning status changes off leaves every other generated value the same.
		const changeAt = threat.time + random.int(2, 36) * HOUR_MS;
		if (!statusChanges) return;
		threat.changeTo = STATUS_CHANGES[index];
		threat.changeAt = changeAt;
	});
	// Every third attachment, in time order, is a callback (toad) lure: spread over the whole span.
	threats
		.filter((threat) => threat.type === 'attachment')
		.filter((_, index) => index % 3 === 1)
		.forEach((threat) => {
			threat.category = 'phish';
			threat.toad = true;
		});
	order
		.filter((_, index) => index % 4 === 1)
		.forEach((threat) => {
			threat.alternativeNames = true;
		});
}

function makeCampaign(random, { name, members, names }) {
	const startDate = members[0].time - random.int(1, 12) * HOUR_MS;
	const lastMember = members[members.length - 1].time;
	const updates = new Set(members.map((threat) => threat.time));
	for (const threat of members) if (threat.changeAt) updates.add(threat.changeAt);
	// Campaigns are updated now and then while they run (until 3 days after their last member is
	// found), not only when a member is found.
	for (let at = startDate; at < lastMember + 3 * DAY_MS; at += random.int(5, 11) * HOUR_MS) {
		updates.add(at);
	}
	const campaign = {
		id: random.uuid(),
		name,
		description: `${name}: a sandbox campaign of ${members.length} related threats.`,
		startDate,
		notable: random.chance(0.3),
		members,
		updates: [...updates].sort((a, b) => a - b),
		intel: {
			actors: someOf(random, names.actors, 2),
			families: someOf(random, names.families, 2).concat(names.families[0]).slice(0, 2),
			malware: someOf(random, names.malware, 2),
			techniques: someOf(random, names.techniques, 3),
			brands: someOf(random, names.brands, 2),
		},
	};
	for (const threat of members) threat.campaign = campaign;
	return campaign;
}

/** Groups neighbouring threats into campaigns; about one threat in four belongs to none. */
function makeCampaigns(random, threats, count, names) {
	const size = Math.ceil(threats.length / count);
	const campaigns = [];
	for (let index = 0; index < count; index++) {
		const group = threats.slice(index * size, (index + 1) * size);
		const members = group.filter((_, position) => position === 0 || random.chance(0.7));
		if (members.length) {
			campaigns.push(makeCampaign(random, { name: CAMPAIGN_NAMES[index % 8], members, names }));
		}
	}
	return campaigns;
}

/**
 * Threats and campaigns the events point at, around `anchor`: threat times spread from
 * spanDays + 3 days before it to spanDays after it, sorted by time.
 */
function createThreatPool({ seed = 7, anchor, spanDays = 8, threatCount = 40, campaignCount = 8, statusChanges = true }) {
	const random = createRandom(seed * 31 + 5);
	const names = catalogue(random);
	const first = anchor - (spanDays + 3) * DAY_MS;
	const step = ((2 * spanDays + 3) * DAY_MS) / threatCount;
	const types = threatTypes(random, threatCount);
	const threats = types.map((type, index) =>
		makeThreat(random, { type, time: Math.round(first + (index + random.next()) * step), names }),
	);
	markSome(random, threats, statusChanges);
	const campaigns = makeCampaigns(random, threats, campaignCount, names);
	for (const threat of threats) threat.forensics = forensicsOf(random, threat);
	return {
		threats,
		campaigns,
		threatById: new Map(threats.map((threat) => [threat.id, threat])),
		campaignById: new Map(campaigns.map((campaign) => [campaign.id, campaign])),
		recentWindowMs: Math.max(4 * DAY_MS, 5 * step),
		byTypes: new Map(),
	};
}

/** A threat's status as of a time: active until its change, if it has one. */
const statusAt = (threat, time) =>
	threat.changeAt !== null && time >= threat.changeAt ? threat.changeTo : 'active';

/** Threats of the given types first seen in the few days before `time` (or the nearest ones). */
function threatsNear(pool, time, types) {
	const key = types.join(' ');
	if (!pool.byTypes.has(key)) {
		pool.byTypes.set(
			key,
			pool.threats.filter((threat) => types.includes(threat.type)),
		);
	}
	const fitting = pool.byTypes.get(key);
	let end = 0;
	while (end < fitting.length && fitting[end].time <= time) end++;
	let start = end;
	while (start > 0 && fitting[start - 1].time > time - pool.recentWindowMs) start--;
	if (start < end) return fitting.slice(start, end);
	return end > 0 ? fitting.slice(end - 1, end) : fitting.slice(0, 1);
}

/** What threats() shows a test: the pool's facts, times in ISO form. */
function describeThreat(threat) {
	return {
		id: threat.id,
		type: threat.type,
		category: threat.category,
		toad: threat.toad,
		threat: threat.threat,
		threatTime: iso(threat.time),
		campaignId: threat.campaign?.id ?? null,
		statusChange:
			threat.changeAt === null ? null : { at: iso(threat.changeAt), status: threat.changeTo },
	};
}

function describeCampaign(campaign) {
	return {
		id: campaign.id,
		name: campaign.name,
		startDate: iso(campaign.startDate),
		memberIds: campaign.members.map((threat) => threat.id),
		updatedAt: campaign.updates.map(iso),
	};
}

module.exports = { createThreatPool, statusAt, threatsNear, describeThreat, describeCampaign };
