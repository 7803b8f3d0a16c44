/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: speaks SMTP over node:net */
/**
 * The examples E2E's mail server (scripts/n8n/fakes/smtp.ts), spoken to line by line as an SMTP client does:
 * it accepts mail only after the right AUTH, refuses a wrong password, keeps envelope, headers and decoded
 * bodies, and holds its bounds.
 */
import { connect, type Socket } from 'node:net';

import { SMTP_LIMITS, decodeEncodedWords, parseMessage, startSmtpFake, type SmtpFake } from '../../scripts/n8n/fakes/smtp';

const LOGIN = { user: 'alerts@example.com', password: 'mail-secret' };
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A scripted SMTP session: send a line, get the server's (possibly multi-line) reply. */
async function session(fake: SmtpFake): Promise<{ send(line: string): Promise<string>; write(line: string): void; close(): void; greeting: string }> {
	const socket: Socket = connect(fake.port, '127.0.0.1');
	let buffer = '';
	let waiting: ((reply: string) => void) | undefined;
	const flush = (): void => {
		// a reply is complete when its last line is "NNN text" (not "NNN-text")
		const lines = buffer.split('\r\n');
		const last = lines.length >= 2 ? lines[lines.length - 2] : '';
		if (waiting && /^\d{3} /.test(last)) {
			const reply = buffer.trimEnd();
			buffer = '';
			const resolve = waiting;
			waiting = undefined;
			resolve(reply);
		}
	};
	socket.on('data', (chunk: Buffer) => {
		buffer += chunk.toString('utf8');
		flush();
	});
	const next = (): Promise<string> =>
		new Promise((resolve) => {
			waiting = resolve;
			flush();
		});
	const greeting = await next();
	return {
		greeting,
		send: async (line: string) => {
			const reply = next();
			socket.write(`${line}\r\n`);
			return await reply;
		},
		/** a line no reply answers (message content after DATA) */
		write: (line: string) => {
			socket.write(`${line}\r\n`);
		},
		close: () => socket.destroy(),
	};
}

describe('SMTP fake', () => {
	let fake: SmtpFake;
	beforeEach(async () => {
		fake = await startSmtpFake(LOGIN);
	});
	afterEach(async () => {
		await fake.close();
	});

	it('greets, offers AUTH PLAIN and LOGIN, and refuses mail before a login', async () => {
		const s = await session(fake);
		expect(s.greeting).toMatch(/^220 /);
		expect(await s.send('EHLO client')).toMatch(/^250-.*\r\n250-AUTH PLAIN LOGIN/s);
		expect(await s.send('MAIL FROM:<a@example.com>')).toMatch(/^530 /);
		s.close();
	});

	it('refuses a wrong password (535) and counts it; accepts the right one (PLAIN and LOGIN)', async () => {
		const s = await session(fake);
		await s.send('EHLO client');
		expect(await s.send(`AUTH PLAIN ${b64(`\0${LOGIN.user}\0wrong`)}`)).toMatch(/^535 /);
		expect(fake.refusedLogins).toBe(1);
		expect(await s.send('AUTH LOGIN')).toBe('334 VXNlcm5hbWU6');
		expect(await s.send(b64(LOGIN.user))).toBe('334 UGFzc3dvcmQ6');
		expect(await s.send(b64(LOGIN.password))).toMatch(/^235 /);
		s.close();
		const t = await session(fake);
		await t.send('EHLO client');
		expect(await t.send('AUTH PLAIN')).toBe('334');
		expect(await t.send(b64(`\0${LOGIN.user}\0${LOGIN.password}`))).toMatch(/^235 /);
		t.close();
	});

	it('keeps a message: envelope, headers, encoded-word subject, dot-unstuffed text and HTML of multipart/alternative', async () => {
		const s = await session(fake);
		await s.send('EHLO client');
		await s.send(`AUTH PLAIN ${b64(`\0${LOGIN.user}\0${LOGIN.password}`)}`);
		expect(await s.send('MAIL FROM:<alerts@example.com> SIZE=100')).toMatch(/^250 /);
		expect(await s.send('RCPT TO:<ops@example.com>')).toMatch(/^250 /);
		expect(await s.send('RCPT TO:<lead@example.com>')).toMatch(/^250 /);
		expect(await s.send('DATA')).toMatch(/^354 /);
		const lines = [
			'From: Alerts <alerts@example.com>',
			'To: ops@example.com',
			'Subject: =?UTF-8?Q?Pipeline_failed_=E2=80=94_prod?=',
			'Content-Type: multipart/alternative;',
			' boundary="--b1"',
			'',
			'----b1',
			'Content-Type: text/plain; charset=utf-8',
			'Content-Transfer-Encoding: quoted-printable',
			'',
			'Execution 1046 =E2=80=94 FAILED, a very long line that was soft-=',
			'broken',
			'..a line starting with a dot',
			'----b1',
			'Content-Type: text/html; charset=utf-8',
			'Content-Transfer-Encoding: base64',
			'',
			b64('<p>Execution <b>1046</b></p>'),
			'----b1--',
		];
		for (const line of lines) s.write(line);
		expect(await s.send('.')).toMatch(/^250 /);
		s.close();
		expect(fake.messages).toHaveLength(1);
		expect(fake.messages[0]).toMatchObject({
			user: LOGIN.user,
			from: 'alerts@example.com',
			to: ['ops@example.com', 'lead@example.com'],
			subject: 'Pipeline failed — prod',
			text: 'Execution 1046 — FAILED, a very long line that was soft-broken\r\n.a line starting with a dot',
			html: '<p>Execution <b>1046</b></p>',
		});
		expect(fake.messages[0].headers.from).toBe('Alerts <alerts@example.com>');
	});

	it('decodes B and Q encoded words, adjacent ones joined', () => {
		expect(decodeEncodedWords('=?UTF-8?B?w6lsw6k=?= =?UTF-8?Q?_ok?=')).toBe('élé ok');
		expect(parseMessage('Subject: plain\r\n\r\nbody\r\n')).toEqual({ headers: { subject: 'plain' }, subject: 'plain', text: 'body', html: '' });
	});

	it(`refuses a message over ${SMTP_LIMITS.messageBytes} bytes (552) and keeps at most ${SMTP_LIMITS.messages} messages`, async () => {
		const s = await session(fake);
		await s.send('EHLO client');
		await s.send(`AUTH PLAIN ${b64(`\0${LOGIN.user}\0${LOGIN.password}`)}`);
		const mail = async (body: string): Promise<string> => {
			await s.send('MAIL FROM:<a@example.com>');
			await s.send('RCPT TO:<b@example.com>');
			await s.send('DATA');
			return await s.send(`${body}\r\n.`);
		};
		const line = 'x'.repeat(999);
		expect(await mail(Array(Math.ceil(SMTP_LIMITS.messageBytes / 1000) + 1).fill(line).join('\r\n'))).toMatch(/^552 /);
		expect(fake.messages).toHaveLength(0);
		for (let i = 1; i <= SMTP_LIMITS.messages + 1; i++) expect(await mail(`Subject: ${i}\r\n\r\nm`)).toMatch(/^250 /);
		expect(fake.messages).toHaveLength(SMTP_LIMITS.messages);
		expect(fake.messages[0].subject).toBe('2');
		s.close();
	});
});
