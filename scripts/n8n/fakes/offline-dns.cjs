/**
 * Preloaded into n8n (NODE_OPTIONS=--require …) by the examples E2E: n8n without internet, the same on every
 * machine. Every host name except localhost fails to resolve with the error a machine without DNS gives
 * (`getaddrinfo ENOTFOUND <host>`), so a third-party node (Slack, Google Sheets) fails exactly as it does
 * offline even where CI has internet. IP addresses (127.0.0.1: the emulator, the local fakes) are not
 * looked up and connect as usual.
 */
'use strict';
const dns = require('node:dns');
const net = require('node:net');

const LOCAL_NAMES = new Set(['localhost']);

function isLocal(hostname) {
	const name = String(hostname).toLowerCase();
	return net.isIP(name) !== 0 || LOCAL_NAMES.has(name) || name.endsWith('.localhost');
}

function notFound(hostname) {
	const error = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
	error.errno = -3008;
	error.code = 'ENOTFOUND';
	error.syscall = 'getaddrinfo';
	error.hostname = hostname;
	return error;
}

const lookup = dns.lookup;
dns.lookup = function offlineLookup(hostname, options, callback) {
	const done = typeof options === 'function' ? options : callback;
	if (isLocal(hostname)) return lookup.apply(this, arguments);
	process.nextTick(done, notFound(hostname));
	return {};
};

const promisesLookup = dns.promises.lookup;
dns.promises.lookup = async function offlinePromisesLookup(hostname, options) {
	if (isLocal(hostname)) return await promisesLookup.call(this, hostname, options);
	throw notFound(hostname);
};
