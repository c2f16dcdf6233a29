'use strict';

const { json } = require('./http');

/*
 * The real error body format is unknown (docs/api-facts.md#essentials-api), so the sandbox varies it the way clients
 * must expect: the `errors` list for most errors, `{"message"}` for 401 and the read-only 403,
 * plain text for a malformed JSON body and for unknown routes (see essentials.js).
 */
const errorList = (status, message, identifier = '') =>
	json(status, { errors: [{ status, error_message: message, identifier }] });

const messageOnly = (status, message) => json(status, { message });

module.exports = { errorList, messageOnly };
