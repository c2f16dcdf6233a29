// Tiny stand-ins for the node types a workflow around the node under test needs.

const START_NODE_TYPE = 'n8n-nodes-harness.start';
const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const NO_OP_TYPE = 'n8n-nodes-base.noOp';
const STICKY_NOTE_TYPE = 'n8n-nodes-base.stickyNote';

// Start nodes hand on the items the harness put on the execution stack for them.
function passInputThrough() {
	return [this.getInputData().map((item) => ({ json: item.json, ...(item.binary && { binary: item.binary }) }))];
}

function startNodeType(name, displayName) {
	return {
		description: {
			displayName,
			name,
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to the test harness',
			defaults: { name: displayName },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		execute: passInputThrough,
	};
}

function noOpNodeType() {
	return {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		execute() {
			return [this.getInputData()];
		},
	};
}

// Exported workflows often carry notes: they never run, but Workflow looks up every node's type.
function stickyNoteType() {
	return {
		description: {
			displayName: 'Sticky Note',
			name: 'stickyNote',
			group: ['input'],
			version: 1,
			description: 'Make your workflow easier to understand',
			defaults: { name: 'Sticky Note' },
			inputs: [],
			outputs: [],
			properties: [{ displayName: 'Content', name: 'content', type: 'string', default: '' }],
		},
	};
}

function harnessNodeTypes() {
	return {
		[START_NODE_TYPE]: startNodeType('start', 'Start'),
		[MANUAL_TRIGGER_TYPE]: startNodeType('manualTrigger', 'When clicking ‘Execute workflow’'),
		[NO_OP_TYPE]: noOpNodeType(),
		[STICKY_NOTE_TYPE]: stickyNoteType(),
	};
}

const START_TYPES = [START_NODE_TYPE, MANUAL_TRIGGER_TYPE];

module.exports = { harnessNodeTypes, START_NODE_TYPE, MANUAL_TRIGGER_TYPE, NO_OP_TYPE, START_TYPES };
