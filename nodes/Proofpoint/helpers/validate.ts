export type Checked<T> = { value: T } | { problem: string };

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);
// RFC 5322 atext without '/', '?', '#' and '%': characters that mean something in a URL path.
const LOCAL_PART = /^[A-Za-z0-9!$&'*+=^_`{|}~-]+(?:\.[A-Za-z0-9!$&'*+=^_`{|}~-]+)*$/;

/** How a value reads in an error message: the string itself (shortened), or what kind of value it is. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}…"` : JSON.stringify(value);
	if (value === undefined || value === null) return 'empty';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A domain name: trimmed, lower-cased, ASCII labels (internationalised names in their xn-- form). */
export function checkDomain(value: unknown): Checked<string> {
	if (typeof value !== 'string') {
		return { problem: `must be a domain name such as example.com, but it is ${describeValue(value)}` };
	}
	const domain = value.trim().toLowerCase().replace(/\.$/, '');
	if (domain === '') return { problem: 'is empty: enter a domain such as example.com' };
	if (/[^\x21-\x7e]/.test(domain)) {
		return {
			problem: `${describeValue(value)} contains spaces, line breaks or non-ASCII characters: enter an internationalised domain in its xn-- (punycode) form`,
		};
	}
	if (!DOMAIN.test(domain)) return { problem: `${describeValue(value)} is not a domain name such as example.com` };
	return { value: domain };
}

/** An email address: trimmed; the domain part lower-cased. */
export function checkEmail(value: unknown): Checked<string> {
	if (typeof value !== 'string') {
		return { problem: `must be an email address such as name@example.com, but it is ${describeValue(value)}` };
	}
	const email = value.trim();
	if (email === '') return { problem: 'is empty: enter an email address such as name@example.com' };
	const at = email.lastIndexOf('@');
	const local = email.slice(0, at);
	const domain = checkDomain(email.slice(at + 1));
	if (at < 1 || email.length > 254 || local.length > 64 || !LOCAL_PART.test(local) || 'problem' in domain) {
		return { problem: `${describeValue(value)} is not an email address such as name@example.com` };
	}
	return { value: `${local}@${domain.value}` };
}

/** A free-text field: a string (trimmed) or a number; an object or a list from an expression would be sent as "[object Object]". */
export function checkText(value: unknown): Checked<string> {
	if (typeof value === 'string') return { value: value.trim() };
	if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
	return { problem: `must be text, but it is ${describeValue(value)}` };
}

/** A list from a comma- or newline-separated string, or from an array given by an expression. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/** A whole number within bounds (Limit, window, counts); strings of digits are accepted. */
export function checkInteger(value: unknown, min: number, max: number): Checked<number> {
	const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		return { problem: `must be a whole number, but it is ${describeValue(value)}` };
	}
	if (number < min || number > max) return { problem: `must be between ${min} and ${max}, but it is ${number}` };
	return { value: number };
}

const TAP_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** A TAP threat or campaign id: letters, digits and . _ : - (threat ids are 64 hex characters, campaign ids UUIDs). */
export function checkTapId(value: unknown, example: string): Checked<string> {
	const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : value;
	if (typeof id !== 'string') return { problem: `must be an id such as ${example}, but it is ${describeValue(value)}` };
	if (id === '') return { problem: `is empty: enter an id such as ${example}` };
	if (!TAP_ID.test(id)) {
		return { problem: `${describeValue(value)} is not a TAP id: ids are letters, digits, dots, colons and dashes, such as ${example}` };
	}
	return { value: id };
}

/** Line breaks, tabs and other control characters: nothing a sender, host, id or comment holds, and what log or header injection needs. */
export function hasControl(text: string): boolean {
	for (const char of text) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
	}
	return false;
}
