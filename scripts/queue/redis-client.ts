/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- harness code: runs outside n8n (tests): talks RESP over node:net with timers */
/**
 * A minimal Redis client (RESP2 over TCP) for reading n8n's Bull queue in tests: one command at a
 * time, bounded reply size, no dependencies.
 */
import { connect, type Socket } from 'node:net';

export type RedisReply = string | number | null | RedisReply[];

const MAX_REPLY_BYTES = 32 * 1024 * 1024;

class Incomplete extends Error {}

/** Parses one RESP value at `offset`; throws Incomplete when more bytes are needed. */
function parse(buf: Buffer, offset: number): { value: RedisReply; next: number } {
	if (offset >= buf.length) throw new Incomplete();
	const lineEnd = buf.indexOf('\r\n', offset);
	if (lineEnd < 0) throw new Incomplete();
	const type = String.fromCharCode(buf[offset]);
	const line = buf.toString('utf8', offset + 1, lineEnd);
	const after = lineEnd + 2;
	switch (type) {
		case '+':
			return { value: line, next: after };
		case '-':
			throw new Error(`redis error: ${line}`);
		case ':':
			return { value: Number(line), next: after };
		case '$': {
			const len = Number(line);
			if (len < 0) return { value: null, next: after };
			if (buf.length < after + len + 2) throw new Incomplete();
			return { value: buf.toString('utf8', after, after + len), next: after + len + 2 };
		}
		case '*': {
			const count = Number(line);
			if (count < 0) return { value: null, next: after };
			const items: RedisReply[] = [];
			let pos = after;
			for (let i = 0; i < count; i++) {
				const item = parse(buf, pos);
				items.push(item.value);
				pos = item.next;
			}
			return { value: items, next: pos };
		}
		default:
			throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
	}
}

export class RedisClient {
	private constructor(private readonly socket: Socket) {}

	static async connect(port: number, host = '127.0.0.1'): Promise<RedisClient> {
		const socket = connect({ host, port });
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('error', reject);
		});
		return new RedisClient(socket);
	}

	async command(...args: string[]): Promise<RedisReply> {
		const payload = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
		return await new Promise<RedisReply>((resolve, reject) => {
			let buf = Buffer.alloc(0);
			const timer = setTimeout(() => finish(new Error(`redis ${args[0]} timed out`)), 10_000);
			const onData = (chunk: Buffer): void => {
				buf = Buffer.concat([buf, chunk]);
				if (buf.length > MAX_REPLY_BYTES) return finish(new Error('redis reply too large'));
				try {
					finish(undefined, parse(buf, 0).value);
				} catch (error) {
					if (!(error instanceof Incomplete)) finish(error as Error);
				}
			};
			const onError = (error: Error): void => finish(error);
			const finish = (error?: Error, value?: RedisReply): void => {
				clearTimeout(timer);
				this.socket.off('data', onData);
				this.socket.off('error', onError);
				if (error) reject(error);
				else resolve(value ?? null);
			};
			this.socket.on('data', onData);
			this.socket.on('error', onError);
			this.socket.write(payload);
		});
	}

	/** HGETALL as an object. */
	async hgetall(key: string): Promise<Record<string, string>> {
		const reply = await this.command('HGETALL', key);
		const out: Record<string, string> = {};
		if (Array.isArray(reply)) {
			for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
		}
		return out;
	}

	close(): void {
		this.socket.destroy();
	}
}
