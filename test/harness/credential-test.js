// Emulates the editor's credential Test button for a credential type with a declarative
// `test` request: resolve the request with the credential data, authenticate it, send it
// through n8n-core's own HTTP helper, and read the outcome the way n8n's CredentialsTester does.
const { n8n } = require('./n8n');
const { CredentialsHelper } = require('./credentials');
const { expressionContext, resolveWithCredentials } = require('./expressions');
const { credentialTypesFor } = require('./types');

const SUCCESS = { status: 'OK', message: 'Connection successful!' };

function valueAt(object, path) {
	return String(path)
		.split('.')
		.reduce((value, key) => (value === null || value === undefined ? undefined : value[key]), object);
}

function rulesOfType(rules, type) {
	return (rules ?? []).filter((rule) => rule.type === type);
}

function failure(message) {
	return { status: 'Error', message };
}

/** n8n's reading of a failed test request: a matching responseCode rule, else the status text, else the error. */
function describeRequestFailure(error, rules) {
	const response = error.response ?? error.cause?.response;
	if (response) {
		const rule = rulesOfType(rules, 'responseCode').find((candidate) => candidate.properties.value === response.status);
		if (rule) return failure(rule.properties.message);
		if (response.status < 200 || response.status > 299) {
			return failure(response.statusText || `Received HTTP status code: ${response.status}`);
		}
	}
	const code = error.code ?? error.cause?.code;
	if (code) return failure(code);
	return failure(String(error.message));
}

/** A successful response can still mean failure: `responseSuccessBody` rules say when. */
function describeResponse(body, rules) {
	const rule = rulesOfType(rules, 'responseSuccessBody').find(
		(candidate) => valueAt(body, candidate.properties.key) === candidate.properties.value,
	);
	return rule ? failure(rule.properties.message) : SUCCESS;
}

/** n8n-core's own `helpers.httpRequest`, as a node's execute context has it. */
function requestHelpers(workflow, node, credentialsHelper) {
	const { ExecuteContext } = n8n().core;
	const { createRunExecutionData } = n8n().workflow;
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(
		workflow,
		node,
		{ credentialsHelper, variables: {} },
		'internal',
		createRunExecutionData(),
		0,
		inputData.main[0],
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	return context.helpers;
}

/**
 * @returns `{ status: 'OK' | 'Error', message }`, as the Test button shows it.
 */
async function testCredential(typeName, data, { credentialTypes } = {}) {
	const registry = credentialTypesFor(credentialTypes);
	const type = registry.getByName(typeName);
	if (!type.test) return failure('No testing function found for this credential.');

	const context = expressionContext();
	const { workflow, node } = context;
	node.credentials = { [typeName]: { id: 'harness-credential-test', name: typeName } };
	const credentialsHelper = new CredentialsHelper(registry, { [typeName]: data });
	const { httpRequest } = requestHelpers(workflow, node, credentialsHelper);

	let body;
	try {
		const credentials = await credentialsHelper.getDecrypted({}, node.credentials[typeName], typeName, 'internal');
		// n8n always refreshes a pre-authenticated session token when testing.
		await credentialsHelper.preAuthentication({ helpers: { httpRequest } }, credentials, typeName, node, true);

		const request = resolveWithCredentials(context, structuredClone(type.test.request), credentials);
		const requestOptions = { method: 'GET', json: true, ...request, headers: { ...request.headers } };
		body = await httpRequest(await credentialsHelper.authenticate(credentials, typeName, requestOptions, workflow, node));
	} catch (error) {
		return describeRequestFailure(error, type.test.rules);
	}
	return describeResponse(body, type.test.rules);
}

module.exports = { testCredential };
