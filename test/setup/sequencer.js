// Jest's order (slowest first, as the last run measured; by file size on a fresh machine), except that
// the real-n8n trigger tests go first: they spend minutes waiting for n8n's minute-by-minute polls,
// which the other workers fill with the rest of the suite instead of waiting after them.
const Sequencer = require('@jest/test-sequencer').default;

const WAITS_ON_THE_CLOCK = /test[\\/]e2e[\\/]trigger(-incidents)?\.test\.js$/;

class WaitingFirst extends Sequencer {
	sort(tests) {
		const ordered = super.sort(tests);
		return [...ordered.filter((test) => WAITS_ON_THE_CLOCK.test(test.path)), ...ordered.filter((test) => !WAITS_ON_THE_CLOCK.test(test.path))];
	}
}

module.exports = WaitingFirst;
