/* eslint-disable @n8n/community-nodes/no-restricted-imports -- harness code: runs outside n8n (a local server for tests), needs node:net */
/**
 * A mail server on 127.0.0.1 for the examples E2E: what n8n's Send Email node (nodemailer over SMTP) really
 * sends, received the way a mail server receives it. Plain SMTP (RFC 5321) without TLS — the credential
 * sets SSL/TLS off and Disable STARTTLS on — with AUTH PLAIN and AUTH LOGIN checked against one user: mail
 * is accepted only after a successful AUTH. Each message is kept with its envelope, its headers and its
 * text/HTML bodies decoded (quoted-printable, base64, RFC 2047 encoded words; multipart/alternative).
 *
 * Bounded: 1 MB per message, 100 messages kept (older ones dropped), 50 connections, 1000 bytes per
 * command line, 10 s idle per connection.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export const SMTP_LIMITS = { messageBytes: 1024 * 1024, messages: 100, connections: 50, lineBytes: 1000, idleMs: 10_000 };

export interface SmtpMessage {
	/** the AUTH user the client signed in as */
	user: string;
	/** MAIL FROM */
	from: string;
	/** RCPT TO, in order */
	to: string[];
	/** header names in lower case, unfolded, encoded words decoded */
	headers: Record<string, string>;
	subject: string;
	/** the text/plain body (decoded), '' when there is none */
	text: string;
	/** the text/html body (decoded), '' when there is none */
	html: string;
	/** the message as transmitted (after dot-unstuffing) */
	raw: string;
}

export interface SmtpFake {
	host: '127.0.0.1';
	port: number;
	messages: SmtpMessage[];
	/** AUTH attempts refused (wrong user or password) */
	refusedLogins: number;
	close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): Buffer {
	const soft = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		const hex = soft.slice(i + 1, i + 3);
		if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(soft[i], 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
export function decodeEncodedWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, data: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
		);
}

interface Part {
	headers: Record<string, string>;
	body: string;
}

function splitHeaders(raw: string): Part {
	const at = raw.search(/\r?\n\r?\n/);
	const head = at < 0 ? raw : raw.slice(0, at);
	const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
	}
	return { headers, body };
}

function decodeBody(part: Part): string {
	const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
	return part.body;
}

/** The text and HTML bodies of a message (a single part or multipart/*, nested). */
function bodiesOf(part: Part, into: { text: string; html: string }): void {
	const type = (part.headers['content-type'] ?? 'text/plain').toLowerCase();
	const boundary = /boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
	if (type.startsWith('multipart/') && boundary) {
		const sections = part.body.split(`--${boundary}`).slice(1);
		for (const section of sections) {
			if (section.startsWith('--')) break;
			bodiesOf(splitHeaders(section.replace(/^\r?\n/, '')), into);
		}
		return;
	}
	const decoded = decodeBody(part).replace(/\r?\n$/, '');
	if (type.startsWith('text/html') && !into.html) into.html = decoded;
	else if (type.startsWith('text/plain') && !into.text) into.text = decoded;
}

export function parseMessage(raw: string): Pick<SmtpMessage, 'headers' | 'subject' | 'text' | 'html'> {
	const top = splitHeaders(raw);
	const bodies = { text: '', html: '' };
	bodiesOf(top, bodies);
	return { headers: top.headers, subject: top.headers.subject ?? '', ...bodies };
}

const address = (arg: string): string => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

/** Starts the mail server; `user`/`password` are the only login it accepts. */
export async function startSmtpFake(login: { user: string; password: string }): Promise<SmtpFake> {
	const sockets = new Set<Socket>();
	const fake: SmtpFake = { host: '127.0.0.1', port: 0, messages: [], refusedLogins: 0, close: async () => undefined };

	const server: Server = createServer((socket) => {
		if (sockets.size >= SMTP_LIMITS.connections) {
			socket.end('421 too many connections\r\n');
			return;
		}
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setTimeout(SMTP_LIMITS.idleMs, () => socket.end('421 idle timeout\r\n'));
		socket.on('error', () => socket.destroy());

		let buffer = '';
		let user = '';
		let from = '';
		let to: string[] = [];
		let inData = false;
		let data = '';
		/** the AUTH exchange in progress: what the next line answers */
		let pending: 'plain' | 'login-user' | 'login-password' | undefined;
		let loginUser = '';
		const reply = (line: string): void => {
			socket.write(`${line}\r\n`);
		};
		const checkLogin = (name: string, password: string): void => {
			if (name === login.user && password === login.password) {
				user = name;
				reply('235 2.7.0 Authentication successful');
			} else {
				fake.refusedLogins++;
				reply('535 5.7.8 Authentication credentials invalid');
			}
		};
		const plain = (b64: string): void => {
			const [, name = '', password = ''] = Buffer.from(b64, 'base64').toString('utf8').split('\0');
			checkLogin(name, password);
		};

		const command = (line: string): void => {
			if (pending) {
				const step = pending;
				pending = undefined;
				if (line === '*') return reply('501 5.0.0 Authentication cancelled');
				if (step === 'plain') return plain(line);
				if (step === 'login-user') {
					loginUser = Buffer.from(line, 'base64').toString('utf8');
					pending = 'login-password';
					return reply('334 UGFzc3dvcmQ6');
				}
				return checkLogin(loginUser, Buffer.from(line, 'base64').toString('utf8'));
			}
			const [verb, ...rest] = line.split(' ');
			const arg = rest.join(' ');
			switch (verb.toUpperCase()) {
				case 'EHLO':
					return reply('250-fake-smtp.localhost\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 1048576');
				case 'HELO':
					return reply('250 fake-smtp.localhost');
				case 'AUTH': {
					const [mechanism, initial] = arg.split(' ');
					if (mechanism?.toUpperCase() === 'PLAIN') {
						if (initial) return plain(initial);
						pending = 'plain';
						return reply('334 ');
					}
					if (mechanism?.toUpperCase() === 'LOGIN') {
						if (initial) {
							loginUser = Buffer.from(initial, 'base64').toString('utf8');
							pending = 'login-password';
							return reply('334 UGFzc3dvcmQ6');
						}
						pending = 'login-user';
						return reply('334 VXNlcm5hbWU6');
					}
					return reply('504 5.5.4 Unrecognized authentication type');
				}
				case 'MAIL':
					if (!user) return reply('530 5.7.0 Authentication required');
					from = address(arg.replace(/^FROM:/i, ''));
					to = [];
					return reply('250 2.1.0 OK');
				case 'RCPT':
					if (!from) return reply('503 5.5.1 MAIL first');
					to.push(address(arg.replace(/^TO:/i, '')));
					return reply('250 2.1.5 OK');
				case 'DATA':
					if (!to.length) return reply('503 5.5.1 RCPT first');
					inData = true;
					data = '';
					return reply('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					from = '';
					to = [];
					return reply('250 2.0.0 OK');
				case 'NOOP':
					return reply('250 2.0.0 OK');
				case 'QUIT':
					reply('221 2.0.0 Bye');
					socket.end();
					return;
				default:
					return reply('502 5.5.2 Command not implemented');
			}
		};

		const dataLine = (line: string): void => {
			if (line === '.') {
				inData = false;
				if (data.length > SMTP_LIMITS.messageBytes) return reply('552 5.3.4 Message too big');
				fake.messages.push({ user, from, to, raw: data, ...parseMessage(data) });
				if (fake.messages.length > SMTP_LIMITS.messages) fake.messages.shift();
				from = '';
				to = [];
				return reply(`250 2.0.0 OK queued as ${fake.messages.length}`);
			}
			// RFC 5321 4.5.2: a leading dot was doubled by the client
			if (data.length <= SMTP_LIMITS.messageBytes) data += `${line.startsWith('.') ? line.slice(1) : line}\r\n`;
		};

		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) dataLine(line);
				else command(line);
			}
			if (buffer.length > (inData ? SMTP_LIMITS.messageBytes : SMTP_LIMITS.lineBytes)) socket.end('500 5.5.6 Line too long\r\n');
		});
		reply('220 fake-smtp.localhost ESMTP ready');
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	fake.port = (server.address() as AddressInfo).port;
	fake.close = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return fake;
}
