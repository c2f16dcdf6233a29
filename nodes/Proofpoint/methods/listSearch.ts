import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { matchesSearch, pageOfResults } from '../helpers/search';
import { checkDomain } from '../helpers/validate';
import { listWorkflows, type WorkflowTarget } from '../transport/ctr';
import { essentialsList, essentialsObject } from '../transport/essentials';
import { DEFAULT_TIMEOUT_MS, type CallOptions } from '../transport/request';
import { THREAT_PROTECTION_CREDENTIAL } from '../transport/threatProtection';

const OPTIONS: CallOptions = { itemIndex: 0, timeoutMs: DEFAULT_TIMEOUT_MS };

/** The organization the editor has chosen so far, for the lists that depend on it. */
function chosenOrg(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('domain', { extractValue: true });
	const checked = checkDomain(value);
	if ('problem' in checked) {
		throw new NodeOperationError(context.getNode(), 'Choose the organization first', {
			description: 'Pick an organization (or type one of its domains) above: this list shows its users and domains.',
		});
	}
	return checked.value;
}

function orgItem(org: IDataObject): INodeListSearchItems {
	const domain = String(org.primary_domain ?? '');
	const name = typeof org.name === 'string' && org.name && org.name !== domain ? `${org.name} (${domain})` : domain;
	return { name, value: domain };
}

/**
 * The credential's own organization and, for a partner, its child organizations; searched by
 * name and by any of their domains, 100 a page.
 */
export async function searchOrganizations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const me = await essentialsObject.call(this, { method: 'GET', path: ['me'], target: {} }, OPTIONS);
	const own = String(me.entity_primary_domain ?? '');
	const orgs: IDataObject[] = [];
	if (own) {
		orgs.push(await essentialsObject.call(this, { method: 'GET', path: ['orgs', own], target: { org: own } }, OPTIONS));
		// /me's shape is inferred [I]: without is_partner_admin the children are asked for anyway.
		if (me.is_partner_admin !== false) {
			const children = await essentialsList.call(this, { method: 'GET', path: ['orgs', own, 'orgs'], target: { org: own } }, 'orgs', OPTIONS);
			orgs.push(...children.sort((a, b) => String(a.name).localeCompare(String(b.name))));
		}
	}
	const found = orgs.filter((org) =>
		matchesSearch(filter, [org.name, org.primary_domain, ...(Array.isArray(org.domains) ? (org.domains as IDataObject[]).map((domain) => domain.name) : [])]),
	);
	return pageOfResults(found.map(orgItem), paginationToken);
}

/** The chosen organization's users, searched by email (aliases too) and name, 100 a page. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const org = chosenOrg(this);
	const users = await essentialsList.call(this, { method: 'GET', path: ['orgs', org, 'users'], target: { org } }, 'users', OPTIONS);
	const found = users.filter((user) =>
		matchesSearch(filter, [user.primary_email, user.firstname, user.surname, `${String(user.firstname ?? '')} ${String(user.surname ?? '')}`, ...(Array.isArray(user.alias_emails) ? user.alias_emails : [])]),
	);
	return pageOfResults(
		found.map((user) => {
			const email = String(user.primary_email);
			const name = `${String(user.firstname ?? '')} ${String(user.surname ?? '')}`.trim();
			return { name: name ? `${name} <${email}>` : email, value: email };
		}),
		paginationToken,
	);
}

/** The chosen organization's domains, searched by name. */
export async function searchDomains(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const org = chosenOrg(this);
	const domains = await essentialsList.call(this, { method: 'GET', path: ['orgs', org, 'domains'], target: { org } }, 'domains', OPTIONS);
	const found = domains.filter((domain) => matchesSearch(filter, [domain.name, domain.destination]));
	return pageOfResults(found.map((domain) => ({ name: String(domain.name), value: String(domain.name) })), paginationToken);
}

// The editor asks again at every keystroke and page of the picker: the list is kept a minute per credential, as each ask spends CTR calls of 10 a minute.
const WORKFLOW_LIST_TTL_MS = 60000;
const workflowLists = new Map<string, { at: number; workflows: Promise<IDataObject[]> }>();

async function recentWorkflows(context: ILoadOptionsFunctions, type: WorkflowTarget): Promise<IDataObject[]> {
	const credentialId = context.getNode().credentials?.[THREAT_PROTECTION_CREDENTIAL]?.id;
	if (!credentialId) return await listWorkflows(context, type, OPTIONS);
	const key = `${credentialId} ${type}`;
	const now = Date.now();
	for (const [stale, { at }] of workflowLists) if (now - at >= WORKFLOW_LIST_TTL_MS) workflowLists.delete(stale);
	let cached = workflowLists.get(key);
	if (!cached) {
		cached = { at: now, workflows: listWorkflows(context, type, OPTIONS) };
		workflowLists.set(key, cached);
		cached.workflows.catch(() => workflowLists.delete(key));
	}
	return await cached.workflows;
}

/**
 * The tenant's enabled manual remediation workflows, message ones first, searched by name and description.
 * Two Cloud Threat Response calls a minute at most, one per target type: whether the API lists both without a type is not public [?].
 */
export async function searchRemediationWorkflows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const found: INodeListSearchItems[] = [];
	for (const type of ['message', 'incident'] as const) {
		const workflows = await recentWorkflows(this, type);
		for (const workflow of workflows) {
			if (!matchesSearch(filter, [workflow.name, workflow.description])) continue;
			found.push({ name: `${String(workflow.name ?? workflow.id)} (${type})`, value: String(workflow.id), description: typeof workflow.description === 'string' ? workflow.description : undefined });
		}
	}
	return pageOfResults(found, paginationToken);
}
