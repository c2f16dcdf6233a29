'use strict';

const { SANDBOX_CREDENTIALS, credentialTable } = require('./credentials');
const { newTenant, addOrg, makeUser } = require('./tenant');

const { partner, orgAdmin, readOnly } = SANDBOX_CREDENTIALS.essentials;

function addPartner(tenant, stacks) {
	return addOrg(tenant, {
		stacks,
		org: {
			name: 'Example Partner',
			primary_domain: 'partner.example',
			type: 'channel',
			licensing_package: 'professional',
			user_licenses: 10,
			www: 'https://partner.example',
			country: 'US',
			admin_user: { primary_email: partner.apiUser },
		},
		users: [
			makeUser({
				primary_email: partner.apiUser,
				firstname: 'API',
				surname: 'Integration',
				type: 'channel_admin',
			}),
			makeUser({
				primary_email: 'ops@partner.example',
				firstname: 'Olivia',
				surname: 'Park',
				type: 'channel_admin',
			}),
		],
	});
}

function acmeUsers() {
	return [
		makeUser({
			primary_email: orgAdmin.apiUser,
			firstname: 'Ada',
			surname: 'Admin',
			type: 'organization_admin',
		}),
		makeUser({
			primary_email: readOnly.apiUser,
			firstname: 'Ray',
			surname: 'Reader',
			type: 'organization_admin',
			read_only_user: true,
		}),
		makeUser({
			primary_email: 'alice.nguyen@acme.example',
			firstname: 'Alice',
			surname: 'Nguyen',
			alias_emails: ['alice@acme.example', 'a.nguyen@acme-corp.example'],
			white_list_senders: ['*@partner.example'],
		}),
		makeUser({
			primary_email: 'bob.smith@acme.example',
			firstname: 'Bob',
			surname: 'Smith',
			alias_emails: ['robert.smith@acme.example'],
			black_list_senders: ['bob@baddomain.example'],
		}),
		// String booleans, as the real API sometimes returns them.
		makeUser({
			primary_email: 'carol.jones@acme.example',
			firstname: 'Carol',
			surname: 'Jones',
			is_active: 'true',
		}),
		makeUser({
			primary_email: 'dave.lee@acme.example',
			firstname: 'Dave',
			surname: 'Lee',
			is_active: 'true',
			is_billable: 'true',
			read_only_user: 'false',
		}),
		makeUser({
			primary_email: 'erin.white@acme.example',
			firstname: 'Erin',
			surname: 'White',
			is_active: false,
		}),
		makeUser({
			primary_email: 'frank.miller@acme-corp.example',
			firstname: 'Frank',
			surname: 'Miller',
		}),
		makeUser({
			primary_email: 'grace.hall@acme.co.uk',
			firstname: 'Grace',
			surname: 'Hall',
			alias_emails: ['grace@acme.co.uk'],
		}),
		makeUser({
			primary_email: 'noreply@acme.example',
			firstname: 'No',
			surname: 'Reply',
			type: 'silent_user',
		}),
		makeUser({
			primary_email: 'shared.sales@acme.example',
			firstname: 'Sales',
			surname: 'Mailbox',
			type: 'functional_account',
			alias_emails: ['sales@acme.example'],
		}),
		// "Only one user per org can be non-billable": this is acme's one.
		makeUser({
			primary_email: 'info@acme.example',
			firstname: 'Info',
			surname: 'Desk',
			is_billable: false,
		}),
	];
}

function addAcme(tenant) {
	return addOrg(tenant, {
		stacks: ['us1'],
		parent: 'partner.example',
		org: {
			name: 'Acme Corporation',
			primary_domain: 'acme.example',
			licensing_package: 'business',
			user_licenses: 25,
			when_renewal: '2027-03-01',
			www: 'https://acme.example',
			address: '1 Road Runner Way',
			postcode: '85001',
			stateprov: 'AZ',
			country: 'US',
			phone: '+1 555 0100',
			admin_user: { primary_email: orgAdmin.apiUser },
			send_welcome_email: true,
			white_list_senders: ['*@partner.example'],
			domains: [
				{ name: 'acme.example', destination: 'acme-example.mail.protection.outlook.com' },
				{ name: 'acme-corp.example', destination: 'acme-example.mail.protection.outlook.com' },
				{ name: 'acme.co.uk', destination: 'mx.acme.co.uk', is_relay: false },
			],
		},
		users: acmeUsers(),
	});
}

function addInitech(tenant) {
	return addOrg(tenant, {
		stacks: ['us1'],
		parent: 'partner.example',
		org: {
			name: 'Initech',
			primary_domain: 'initech.example',
			licensing_package: 'beginner',
			is_on_trial: true,
			user_licenses: 5,
			country: 'US',
			admin_user: { primary_email: 'admin@initech.example' },
		},
		users: [
			makeUser({
				primary_email: 'admin@initech.example',
				firstname: 'Bill',
				surname: 'Lumbergh',
				type: 'organization_admin',
			}),
			makeUser({
				primary_email: 'peter.gibbons@initech.example',
				firstname: 'Peter',
				surname: 'Gibbons',
			}),
			makeUser({
				primary_email: 'milton@initech.example',
				firstname: 'Milton',
				surname: 'Waddams',
				is_active: 'false',
			}),
		],
	});
}

function addGlobex(tenant) {
	return addOrg(tenant, {
		stacks: ['us2'],
		parent: 'partner.example',
		org: {
			name: 'Globex',
			primary_domain: 'globex.example',
			licensing_package: 'advanced',
			user_licenses: 50,
			country: 'US',
			admin_user: { primary_email: 'hank@globex.example' },
		},
		users: [
			makeUser({
				primary_email: 'hank@globex.example',
				firstname: 'Hank',
				surname: 'Scorpio',
				type: 'organization_admin',
			}),
			makeUser({ primary_email: 'homer@globex.example', firstname: 'Homer', surname: 'Simpson' }),
		],
	});
}

/** A fresh copy of the demo tenant: partner.example (us1 and us2) with acme, initech (us1), globex (us2). */
function demoTenant() {
	const tenant = newTenant(credentialTable([partner, orgAdmin, readOnly]));
	// The partner is present on every stack where it has a customer.
	addPartner(tenant, ['us1', 'us2']);
	addAcme(tenant);
	addInitech(tenant);
	addGlobex(tenant);
	return tenant;
}

const demo = demoTenant();
const acme = demo.orgs['acme.example'];

/** Facts about the demo tenant, so tests read them instead of hard-coding. */
const DEMO = Object.freeze({
	partner: 'partner.example',
	acme: 'acme.example',
	acmeDomains: acme.org.domains.map((domain) => domain.name),
	acmeEmails: acme.users.map((user) => user.primary_email),
	initech: 'initech.example',
	globex: 'globex.example',
	globexStack: 'us2',
});

module.exports = { demoTenant, addPartner, DEMO };
