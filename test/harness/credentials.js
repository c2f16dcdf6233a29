// What n8n's CLI does with credentials and n8n-core leaves to it: fill in defaults, resolve
// expressions in the data, apply a credential type's `authenticate`, run `preAuthentication`.
// `CredentialsHelper` is the `additionalData.credentialsHelper` n8n-core calls into.
const { n8n } = require('./n8n');
const { expressionContext, resolveAuthValue, isExpression } = require('./expressions');

function containsExpression(value) {
	if (isExpression(value)) return true;
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/**
 * The data a node sees: the given values plus the defaults of the type's properties, with
 * properties that are not displayed for the given values left out (as in n8n).
 */
function credentialDataWithDefaults(credentialTypes, typeName, data) {
	const properties = credentialTypes.getProperties(typeName);
	const withDefaults = n8n().workflow.NodeHelpers.getNodeParameters(properties, data, true, false, null, null) ?? {};
	// As n8n's CredentialsHelper: an OAuth2 token is no property of the type, so it is put back after the defaults.
	if (data.oauthTokenData !== undefined) withDefaults.oauthTokenData = data.oauthTokenData;
	return withDefaults;
}

/** Credential values may themselves be expressions (`$self` is the credential data). */
function resolveCredentialExpressions(data, mode, expressionResolveValues, executeData) {
	if (!containsExpression(data)) return data;
	if (expressionResolveValues) {
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
		return workflow.expression.getParameterValue(
			data,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			{},
			executeData,
			false,
			data,
		);
	}
	const { workflow, node } = expressionContext();
	return workflow.expression.getComplexParameterValue(node, data, mode, {}, undefined, undefined, data);
}

/**
 * Applies a credential type's `authenticate` to request options, in place (as n8n does):
 * a function is called; a generic one has each `={{$credentials.x}}` key and value resolved
 * and merged into `headers`, `qs`, `body`, `auth` (HTTP Basic) or set directly.
 */
async function applyAuthenticate(credentialType, credentials, requestOptions, context = expressionContext()) {
	const { authenticate } = credentialType;
	if (!authenticate) return requestOptions;
	if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
	if (authenticate.type !== 'generic') return requestOptions;

	requestOptions.headers ??= {};
	for (const [target, values] of Object.entries(authenticate.properties ?? {})) {
		if (values === null || typeof values !== 'object') {
			requestOptions[target] = resolveAuthValue(context, values, credentials);
			continue;
		}
		if (requestOptions[target] === null || typeof requestOptions[target] !== 'object') requestOptions[target] = {};
		for (const [key, value] of Object.entries(values)) {
			const resolvedKey = resolveAuthValue(context, key, credentials);
			requestOptions[target][resolvedKey] = resolveAuthValue(context, value, credentials);
		}
	}
	return requestOptions;
}

/** The hidden `expirable` property a `preAuthentication` fills (a session token), if any. */
function expirableProperty(credentialTypes, typeName) {
	return credentialTypes
		.getProperties(typeName)
		.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
}

class CredentialsHelper {
	/**
	 * @param credentialTypes a registry from types.js, or a function returning it when first needed
	 * @param credentials plaintext data by credential type name, as given to the harness
	 */
	constructor(credentialTypes, credentials = {}) {
		this.lookUpCredentialTypes = typeof credentialTypes === 'function' ? credentialTypes : () => credentialTypes;
		this.stored = Object.fromEntries(Object.entries(credentials).map(([type, data]) => [type, { ...data }]));
	}

	get credentialTypes() {
		return this.lookUpCredentialTypes();
	}

	storedData(typeName) {
		const data = this.stored[typeName];
		if (!data) {
			const given = Object.keys(this.stored).join(', ') || 'none';
			throw new Error(`The harness was given no credentials of type "${typeName}" (given: ${given})`);
		}
		return data;
	}

	getParentTypes(typeName) {
		return this.credentialTypes.getParentTypes(typeName);
	}

	isCredentialUsableByNode(typeName, nodeType) {
		const type = this.credentialTypes.types[typeName];
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(typeName) {
		return this.credentialTypes.getProperties(typeName);
	}

	async getCredentials(nodeCredentials, typeName) {
		const data = this.storedData(typeName);
		return { id: nodeCredentials?.id ?? null, name: nodeCredentials?.name ?? typeName, type: typeName, getData: () => ({ ...data }) };
	}

	async getDecrypted(additionalData, nodeCredentials, typeName, mode, executeData, raw, expressionResolveValues) {
		const data = { ...this.storedData(typeName) };
		if (raw === true) return data;
		const withDefaults = credentialDataWithDefaults(this.credentialTypes, typeName, data);
		return resolveCredentialExpressions(withDefaults, mode, expressionResolveValues, executeData);
	}

	async updateCredentials(nodeCredentials, typeName, data) {
		this.stored[typeName] = { ...data };
	}

	async updateCredentialsOauthTokenData(nodeCredentials, typeName, data) {
		this.stored[typeName] = { ...this.storedData(typeName), ...data };
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const context = workflow && node ? { workflow, node } : undefined;
		return await applyAuthenticate(this.credentialTypes.getByName(typeName), credentials, requestOptions, context);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return await type.preAuthentication.call(helpers, credentials);
	}

	/**
	 * Like n8n: runs the type's `preAuthentication` when its expirable property is empty or the
	 * server said the credentials expired, and keeps the result; otherwise returns undefined.
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const expirable = expirableProperty(this.credentialTypes, typeName);
		if (!expirable) return undefined;
		if (credentials[expirable.name] && !credentialsExpired) return undefined;
		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		if (output?.[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		await this.updateCredentials(node?.credentials?.[typeName], typeName, updated);
		return updated;
	}
}

module.exports = { CredentialsHelper };
