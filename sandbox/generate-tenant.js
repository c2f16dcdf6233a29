'use strict';

const { SANDBOX_CREDENTIALS, credentialTable } = require('./credentials');
const { addPartner } = require('./demo-tenant');
const { createRandom } = require('./random');
const { newTenant, addOrg, makeUser } = require('./tenant');

const FIRST_NAMES = [
	'Ana',
	'Ben',
	'Chen',
	'Dana',
	'Eli',
	'Fatima',
	'Gus',
	'Hana',
	'Ivan',
	'Jo',
	'Kemal',
	'Lea',
];
const SURNAMES = [
	'Alvarez',
	'Brown',
	'Costa',
	'Dubois',
	'Evans',
	'Fischer',
	'Garcia',
	'Hughes',
	'Ito',
	'Jensen',
];

function userType(random, index) {
	if (index === 0) return 'organization_admin';
	const roll = random.next();
	if (roll < 0.005) return 'organization_admin';
	if (roll < 0.025) return 'silent_user';
	if (roll < 0.06) return 'functional_account';
	return 'end_user';
}

function generatedUser(random, index, domain, width) {
	const local = `user${String(index + 1).padStart(width, '0')}`;
	const type = userType(random, index);
	return makeUser({
		primary_email: `${local}@${domain}`,
		firstname: random.pick(FIRST_NAMES),
		surname: random.pick(SURNAMES),
		alias_emails: type === 'end_user' && random.chance(0.2) ? [`alias.${local}@${domain}`] : [],
		type,
		is_active: random.chance(0.95),
	});
}

const COMPANY_WORDS = ['Alpine', 'Harbor', 'Juniper', 'Meridian', 'Northwind', 'Orchid', 'Pioneer', 'Quartz', 'Summit', 'Tidewater'];
const LICENSING_PACKAGES = ['beginner', 'business', 'advanced', 'professional'];

/** `count` more customers of the partner, each with `usersPerChild` users and a licence count near it. */
function addCustomers(tenant, random, { count, usersPerChild, stack }) {
	const width = Math.max(4, String(count).length);
	for (let index = 0; index < count; index++) {
		const number = String(index + 1).padStart(width, '0');
		const domain = `customer${number}.example`;
		const users = Array.from({ length: usersPerChild }, (_, userIndex) => generatedUser(random, userIndex, domain, 3));
		const licenses = Math.max(1, usersPerChild + random.int(-2, 3));
		addOrg(tenant, {
			stacks: [stack],
			parent: 'partner.example',
			org: {
				name: `${random.pick(COMPANY_WORDS)} ${number}`,
				primary_domain: domain,
				licensing_package: random.pick(LICENSING_PACKAGES),
				user_licenses: licenses,
				admin_user: { primary_email: users[0]?.primary_email ?? null },
			},
			users,
		});
	}
}

/**
 * A tenant with one large org under the sandbox partner, for load tests, and optionally
 * `children` more customers of `usersPerChild` users each: deterministic for a given seed. Only
 * the partner and TAP credentials work in it (there is no acme).
 */
function generateTenant({ domain = 'big.example', users = 1000, stack = 'us1', seed = 1, children = 0, usersPerChild = 5 } = {}) {
	const random = createRandom(seed);
	const tenant = newTenant(credentialTable([SANDBOX_CREDENTIALS.essentials.partner]));
	addPartner(tenant, [stack]);
	const width = Math.max(5, String(users).length);
	const list = Array.from({ length: users }, (_, index) =>
		generatedUser(random, index, domain, width),
	);
	addOrg(tenant, {
		stacks: [stack],
		parent: 'partner.example',
		org: {
			name: `Generated ${domain}`,
			primary_domain: domain,
			user_licenses: users,
			admin_user: { primary_email: list[0]?.primary_email ?? null },
		},
		users: list,
	});
	addCustomers(tenant, random, { count: children, usersPerChild, stack });
	return tenant;
}

module.exports = { generateTenant };
