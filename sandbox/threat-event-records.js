'use strict';

const { createRandom, uuidFromWords, mix32 } = require('./random');
const { messageGuid } = require('./threat-event-shapes');

/*
 * How the store keeps events. A Message is shared by its recipients' events (a click has a message
 * of its own); an EventRecord is one recipient's event. Generation draws only a few words per
 * message: recipients, threats and ids are worked out from them when first read, because the store
 * holds two weeks of events for several orgs and most of them are never asked for.
 */
class Message {
	/** `draw(message)` picks {recipients, threats, rewrite, clickRewritten}; or give `drawn`. */
	constructor(random, { kind, people, time, recipientCount, draw, drawn }) {
		this.seed = random.word();
		this.guidWord = random.word();
		this.kind = kind;
		this.people = people;
		this.time = time;
		this.recipientCount = drawn ? drawn.recipients.length : recipientCount;
		this.draw = draw;
		this.drawn = drawn ?? null;
		this.fixedGuid = undefined;
		this.overrides = null;
	}

	get details() {
		if (this.drawn === null) this.drawn = this.draw(this);
		return this.drawn;
	}

	get recipients() {
		return this.details.recipients;
	}

	get threats() {
		return this.details.threats;
	}

	get rewrite() {
		return this.details.rewrite;
	}

	get clickRewritten() {
		return this.details.clickRewritten;
	}

	/** A PRNG for the message's own choices, apart from the one its serialised details use. */
	choices() {
		return createRandom(mix32(this.seed ^ 0x5bd1e995));
	}

	get GUID() {
		if (this.fixedGuid === undefined) this.fixedGuid = messageGuid(this.seed, this.guidWord);
		return this.fixedGuid;
	}

	set GUID(value) {
		this.fixedGuid = value;
	}
}

class EventRecord {
	constructor(random, { message, index, visibleAt, variant }) {
		this.kind = message.kind;
		this.platform = message.people.platform;
		this.org = message.people.org;
		this.parent = message.people.parent;
		this.time = message.time;
		this.visibleAt = visibleAt;
		this.order = random.word();
		this.idWord = random.word();
		this.fixedId = undefined;
		this.variant = variant;
		this.message = message;
		this.index = index;
	}

	get recipient() {
		return this.message.recipients[this.index];
	}

	get id() {
		if (this.fixedId === undefined) this.fixedId = uuidFromWords(this.order, this.idWord);
		return this.fixedId;
	}

	set id(value) {
		this.fixedId = value;
	}
}

/** Position of the first record at or after `time` in a list sorted by time. */
function lowerBound(list, time) {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle].time < time) low = middle + 1;
		else high = middle;
	}
	return low;
}

function mergeSorted(list, added) {
	const merged = new Array(list.length + added.length);
	let i = 0;
	let j = 0;
	for (let k = 0; k < merged.length; k++) {
		const takeOld = j >= added.length || (i < list.length && list[i].time <= added[j].time);
		merged[k] = takeOld ? list[i++] : added[j++];
	}
	return merged;
}

function distinctPicks(random, list, count) {
	const chosen = new Set();
	const wanted = Math.min(count, list.length);
	while (chosen.size < wanted) chosen.add(random.pick(list));
	return [...chosen];
}

module.exports = { Message, EventRecord, lowerBound, mergeSorted, distinctPicks };
