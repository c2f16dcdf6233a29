// The registries n8n keeps of node types and credential types, built from plain maps of
// `{ name: ClassOrInstance }`. Each distinct map gets one registry, reused across runs.
const { n8n } = require('./n8n');
const { harnessNodeTypes } = require('./builtin-nodes');
const { loadPackageTypes } = require('./package-types');

function instantiate(classOrInstance) {
	return typeof classOrInstance === 'function' ? new classOrInstance() : classOrInstance;
}

function instantiateAll(map) {
	return Object.fromEntries(Object.entries(map).map(([name, type]) => [name, instantiate(type)]));
}

class NodeTypes {
	constructor(types) {
		this.types = { ...harnessNodeTypes(), ...instantiateAll(types) };
	}

	getByName(name) {
		const type = this.types[name];
		if (!type) {
			throw new Error(`Unknown node type "${name}"; known to the harness: ${Object.keys(this.types).join(', ')}`);
		}
		return type;
	}

	getByNameAndVersion(name, version) {
		return n8n().workflow.NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

class CredentialTypes {
	constructor(types) {
		this.types = instantiateAll(types);
	}

	getByName(name) {
		const type = this.types[name];
		if (!type) {
			throw new Error(`Unknown credential type "${name}"; known to the harness: ${Object.keys(this.types).join(', ') || 'none'}`);
		}
		return type;
	}

	/** All the types `name` extends, nearest first. */
	getParentTypes(name) {
		const parents = this.getByName(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...(this.types[parent] ? this.getParentTypes(parent) : [])]);
	}

	/**
	 * The type's properties, as n8n's CredentialsHelper gives them: a type without parents as declared
	 * (several properties may share a name, each shown for other values), else its parents' first, its own overriding them by name.
	 */
	getProperties(name) {
		const type = this.getByName(name);
		if (!type.extends) return type.properties ?? [];
		const byName = new Map();
		for (const parent of [...(type.extends ?? [])].reverse()) {
			if (!this.types[parent]) continue;
			for (const property of this.getProperties(parent)) byName.set(property.name, property);
		}
		for (const property of type.properties ?? []) byName.set(property.name, property);
		return [...byName.values()];
	}
}

const nodeTypeRegistries = new WeakMap();
const credentialTypeRegistries = new WeakMap();

function cached(registries, map, Registry) {
	if (!registries.has(map)) registries.set(map, new Registry(map));
	return registries.get(map);
}

/** The registry for an override map, or the package's own types from dist/ when none is given. */
function nodeTypesFor(map) {
	return cached(nodeTypeRegistries, map ?? loadPackageTypes().nodeTypes, NodeTypes);
}

function credentialTypesFor(map) {
	return cached(credentialTypeRegistries, map ?? loadPackageTypes().credentialTypes, CredentialTypes);
}

const builtinOnly = {};

/** Node types with only the harness's own stand-ins, for work that needs no package node. */
function builtinNodeTypes() {
	return nodeTypesFor(builtinOnly);
}

module.exports = { nodeTypesFor, credentialTypesFor, builtinNodeTypes };
