'use strict';

const { createRandom, mix32 } = require('./random');
const { statusAt } = require('./threat-pool');
const urldefense = require('./urldefense');

/*
 * Turns a stored event record into what the API sends (docs/api-facts.md#tap-siem-api, docs/api-facts.md#essentials-threat-api).
 * The details of a message (sender, subject, hashes…) are drawn from its own seed each time,
 * so every recipient's event of one message says the same, and the store stays small.
 */
const SENDER_DOMAINS = [
	'billing-notices.example',
	'secure-mailer.test',
	'hr-portal-updates.example',
	'parcel-tracking.test',
	'docs-sharing.example',
	'invoice-center.test',
];
const SENDER_LOCALS = ['accounts', 'no-reply', 'notify', 'support', 'payroll', 'ceo.office'];
const SENDER_NAMES = [
	'Accounts Payable',
	'IT Service Desk',
	'Parcel Service',
	'Document Center',
	'Payroll Team',
	'Jordan Blake',
];
const SUBJECTS = {
	malware: ['Invoice #48213 overdue', 'Remittance advice attached', 'Scanned document'],
	phish: ['Your password expires today', 'Document shared with you', 'Verify your mailbox'],
	spam: ['Exclusive offer inside', 'You have won a prize', 'Limited time discount'],
	impostor: ['Quick favour', 'Wire transfer needed today', 'Are you available?'],
};
const XMAILERS = ['Microsoft Outlook 16.0', 'PHPMailer 6.8.0', null, 'Apple Mail (2.3731)'];
const USER_AGENTS = [
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
	'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)',
];
const MODULES = [
	'access',
	'av',
	'dkimv',
	'dmarc',
	'spf',
	'spam',
	'urldefense',
	'sandbox',
	'pdr',
	'zerohour',
];
const QUARANTINE = {
	malware: ['Attachment Defense', 'module.sandbox.threat'],
	phish: ['Phish', 'module.urldefense.phish'],
	spam: ['Spam', 'module.spam.bulk'],
	impostor: ['Impostor', 'module.impostor.threat'],
};
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Variant spellings (docs/api-facts.md#tap-siem-api), one bit each on a record's `variant`.
const VARIANT = { threatId: 1, campaignId: 2, upperCase: 4, urlUpper: 8 };

// Body parts' hashes come from fixed lists: formatting fresh ones for 20,000 events costs more than the rest.
const hashes = createRandom(4099);
const MD5S = Array.from({ length: 512 }, () => hashes.words(4));
const SHA256S = Array.from({ length: 512 }, () => hashes.words(8));

const isoMillis = (ms) => new Date(ms).toISOString();
// Essentials writes messageTime with microseconds; its other times are written the same way [I].
const isoMicros = (ms) => isoMillis(ms).replace(/Z$/, '000Z');
const alphanumeric = (random, length) =>
	Array.from({ length }, () => random.pick(ALPHANUMERIC)).join('');

const GUID_CHARACTERS = `${ALPHANUMERIC}-_`;

/** A TAP message GUID from two random words: 32 letters, digits, - and _. */
function messageGuid(a, b) {
	const words = [a, b, mix32(a ^ b), mix32(a + 0x1b873593), mix32(b ^ 0xe6546b64)];
	words.push(mix32(words[2] + b), mix32(words[3] ^ a));
	let guid = '';
	for (let bits of words) {
		for (let i = 0; i < 5 && guid.length < 32; i++, bits >>>= 6) guid += GUID_CHARACTERS[bits & 63];
	}
	return guid;
}

function scores(random, mainCategory, blocked) {
	const high = () => (blocked ? random.int(85, 100) : random.int(55, 95));
	const low = () => random.int(0, 25);
	return {
		impostorScore: mainCategory === 'impostor' ? high() : low(),
		malwareScore: mainCategory === 'malware' ? high() : low(),
		phishScore: mainCategory === 'phish' ? high() : low(),
		spamScore: mainCategory === 'spam' ? high() : random.int(0, 60),
	};
}

function bodyPart(random, contentType, filename) {
	return {
		contentType,
		disposition: 'inline',
		filename,
		md5: random.pick(MD5S),
		oContentType: contentType,
		sandboxStatus: random.pick(['unsupported', 'clean', null]),
		sha256: random.pick(SHA256S),
	};
}

function attachmentPart(threat) {
	return {
		contentType: 'application/octet-stream',
		disposition: 'attached',
		filename: threat.filename,
		md5: threat.md5,
		oContentType: 'application/octet-stream',
		sandboxStatus: 'threat',
		sha256: threat.sha256,
	};
}

/** The fields every recipient's event of one message shares. */
function messageDetails(record) {
	const { message } = record;
	const random = createRandom(message.seed);
	const mainCategory = message.threats[0].category;
	const domain = random.pick(SENDER_DOMAINS);
	const local = random.pick(SENDER_LOCALS);
	const name = random.pick(SENDER_NAMES);
	const sender = `${local}@${domain}`;
	const fromAddress = random.chance(0.25) ? `${local}@${random.pick(SENDER_DOMAINS)}` : sender;
	const replyTo = random.chance(0.3) ? `reply.${local}@${random.pick(SENDER_DOMAINS)}` : null;
	const cc =
		message.recipients.length > 1 && random.chance(0.4) ? message.recipients.slice(-1) : [];
	const to = message.recipients.filter((address) => !cc.includes(address));
	const blocked = record.kind === 'messagesBlocked';
	const hasUrl = message.threats.some((threat) => threat.type === 'url');
	return {
		QID: `${alphanumeric(random, 8)}${String(random.int(0, 999999)).padStart(6, '0')}`,
		messageID: `<${random.words(3)}@${domain}>`,
		sender,
		senderIP: `203.0.113.${random.int(2, 254)}`,
		headerFrom: `"${name}" <${fromAddress}>`,
		fromAddress: [fromAddress],
		headerReplyTo: replyTo && `"${name}" <${replyTo}>`,
		// An array, like the other address fields [I].
		replyToAddress: replyTo ? [replyTo] : [],
		toAddresses: to,
		ccAddresses: cc,
		headerTo: to.join(', '),
		subject: random.pick(SUBJECTS[mainCategory]),
		xmailer: random.pick(XMAILERS),
		messageSize: random.int(3000, 2500000),
		completelyRewritten: hasUrl ? random.chance(0.8) : 'na',
		modulesRun: random.shuffle(MODULES).slice(0, random.int(4, MODULES.length)),
		policyRoutes: random.chance(0.8) ? ['default_inbound'] : ['default_inbound', 'executives'],
		messageParts: [
			bodyPart(random, 'text/plain', 'text.txt'),
			bodyPart(random, 'text/html', 'text.html'),
			...message.threats.filter((threat) => threat.type === 'attachment').map(attachmentPart),
		],
		quarantine: blocked ? QUARANTINE[mainCategory] : [null, null],
		...scores(random, mainCategory, blocked),
	};
}

/** The URL Defense form of a URL in this event, tied to it by the event's id. */
function rewrittenUrl(record, url, env) {
	const options = { token: record.id, tenant: env.tenantToken, recipient: record.recipient };
	return record.message.rewrite === 'v2'
		? urldefense.encodeV2(url, options)
		: urldefense.encodeV3(url, options);
}

const threatLink = (threat, env, record) =>
	record.platform === 'tap'
		? `https://threatinsight.proofpoint.com/${env.customerUuid}/threat/email/${threat.id}`
		: // Where an Essentials event links a threat is not documented [I].
			`https://${record.org.stacks[0]}.proofpointessentials.com/app/threats/${threat.id}`;

function classificationOf(threat, record) {
	if (record.platform === 'essentials') return threat.toad ? 'toad' : threat.category;
	return record.variant & VARIANT.upperCase ? threat.category.toUpperCase() : threat.category;
}

function threatTypeOf(threat, record) {
	if (record.platform === 'essentials') return threat.type === 'url' ? 'URL' : threat.type;
	return threat.type === 'url' && record.variant & VARIANT.urlUpper ? 'URL' : threat.type;
}

/** The id field names this record spells its threat and campaign ids with. */
function idNames(record, inThreatsMap) {
	// Essentials writes threatId in threatsInfoMap; campaignId there and click spellings are [I].
	const essentialsMap = record.platform === 'essentials' && inThreatsMap;
	return {
		threat: essentialsMap || record.variant & VARIANT.threatId ? 'threatId' : 'threatID',
		campaign: essentialsMap || record.variant & VARIANT.campaignId ? 'campaignId' : 'campaignID',
	};
}

function threatInfo(threat, record, asOf, env) {
	const names = idNames(record, true);
	const time = record.platform === 'tap' ? isoMillis : isoMicros;
	return {
		[names.campaign]: threat.campaign?.id ?? null,
		classification: classificationOf(threat, record),
		threat: threat.threat,
		[names.threat]: threat.id,
		threatStatus: statusAt(threat, asOf),
		threatTime: time(threat.time),
		threatType: threatTypeOf(threat, record),
		threatUrl: threatLink(threat, env, record),
	};
}

function customerFields(record) {
	const { org, parent } = record;
	return {
		customerEid: org.org.eid,
		customerName: org.org.name,
		// A top-level organisation has no parent: null here [I].
		parentEid: parent ? parent.org.eid : null,
		parentName: parent ? parent.org.name : null,
		stackName: org.stacks[0],
	};
}

function messageEvent(record, asOf, env) {
	const details = messageDetails(record);
	const essentials = record.platform === 'essentials';
	const { quarantine, ...fields } = details;
	const event = {
		GUID: record.message.GUID,
		QID: fields.QID,
		id: record.id,
		cluster: env.clusterOf(record),
		ccAddresses: fields.ccAddresses,
		completelyRewritten: essentials
			? String(fields.completelyRewritten)
			: fields.completelyRewritten,
		fromAddress: fields.fromAddress,
		headerFrom: fields.headerFrom,
		headerReplyTo: fields.headerReplyTo,
		headerTo: fields.headerTo,
		impostorScore: fields.impostorScore,
		malwareScore: fields.malwareScore,
		phishScore: fields.phishScore,
		spamScore: fields.spamScore,
		messageID: fields.messageID,
		messageSize: fields.messageSize,
		messageTime: (essentials ? isoMicros : isoMillis)(record.time),
		messageParts: fields.messageParts,
		modulesRun: fields.modulesRun,
		policyRoutes: fields.policyRoutes,
		quarantineFolder: quarantine[0],
		quarantineRule: quarantine[1],
		recipient: [record.recipient],
		replyToAddress: fields.replyToAddress,
		sender: fields.sender,
		senderIP: fields.senderIP,
		subject: fields.subject,
		toAddresses: fields.toAddresses,
		xmailer: fields.xmailer,
		threatsInfoMap: record.message.threats.map((threat) => threatInfo(threat, record, asOf, env)),
	};
	if (!essentials) return event;
	return {
		...event,
		...customerFields(record),
		// The portal link's form is the sandbox's own [I].
		messageDetailsUrl: `https://${record.org.stacks[0]}.proofpointessentials.com/app/messages/${record.message.GUID}`,
	};
}

function clickEvent(record, asOf, env) {
	const random = createRandom(record.message.seed);
	const [threat] = record.message.threats;
	const names = idNames(record, false);
	const time = record.platform === 'tap' ? isoMillis : isoMicros;
	const event = {
		[names.campaign]: threat.campaign?.id ?? null,
		classification: classificationOf(threat, record),
		clickIP: `192.0.2.${random.int(2, 254)}`,
		clickTime: time(record.time),
		GUID: record.message.GUID,
		id: record.id,
		messageID: `<${random.words(3)}@${random.pick(SENDER_DOMAINS)}>`,
		recipient: record.recipient,
		sender: `${random.pick(SENDER_LOCALS)}@${random.pick(SENDER_DOMAINS)}`,
		senderIP: `203.0.113.${random.int(2, 254)}`,
		[names.threat]: threat.id,
		threatTime: time(threat.time),
		threatURL: threatLink(threat, env, record),
		threatStatus: statusAt(threat, asOf),
		// Whether TAP logs the rewritten or the original URL is unknown [?]: the sandbox does both.
		url: record.message.clickRewritten ? rewrittenUrl(record, threat.threat, env) : threat.threat,
		userAgent: random.pick(USER_AGENTS),
	};
	return record.platform === 'tap' ? event : { ...event, ...customerFields(record) };
}

/** The event as the API serialises it, threat statuses as of `asOf`. */
function shapeEvent(record, asOf, env) {
	const event = record.kind.startsWith('clicks')
		? clickEvent(record, asOf, env)
		: messageEvent(record, asOf, env);
	return record.message.overrides ? { ...event, ...record.message.overrides } : event;
}

/** The URLs of threats in this event that URL Defense rewrote. */
const destinations = (record) =>
	record.message.threats.filter((threat) => threat.type === 'url').map((threat) => threat.threat);

module.exports = { shapeEvent, rewrittenUrl, destinations, messageGuid, VARIANT };
