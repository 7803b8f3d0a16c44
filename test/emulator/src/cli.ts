/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: the emulator CLI runs outside n8n and needs process */
/**
 * `npm run --silent emulator [-- --port N] [--clock manual]`
 * Prints the ready JSON line as the first line of stdout, then runs until SIGTERM / SIGINT.
 */
import { startEmulator, type EmulatorOptions } from './index';

function parseArgs(argv: string[]): EmulatorOptions {
	const opts: EmulatorOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		if (flag === '--port' || flag === '-p') {
			const n = Number(value());
			if (!Number.isInteger(n) || n < 0 || n > 65_530) throw new Error('--port must be an integer between 0 and 65530');
			opts.port = n;
		} else if (flag === '--clock') {
			const v = value();
			if (v !== 'real' && v !== 'manual') throw new Error('--clock must be real or manual');
			opts.clock = v;
		} else if (flag === '--help' || flag === '-h') {
			process.stdout.write('Usage: npm run --silent emulator [-- --port N] [--clock real|manual]\nSee test/emulator/README.md\n');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (opts.port === undefined && process.env.EMULATOR_PORT) opts.port = Number(process.env.EMULATOR_PORT);
	return opts;
}

async function main(): Promise<void> {
	let opts: EmulatorOptions;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${(e as Error).message}\n`);
		process.exit(2);
	}
	const emulator = await startEmulator(opts);
	process.stdout.write(`${JSON.stringify(emulator.ready)}\n`);
	process.stderr.write(`Adobe I/O Events emulator ready — control API ${emulator.urls.control} (see test/emulator/README.md)\n`);
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`received ${signal}, shutting down\n`);
		const force = setTimeout(() => process.exit(0), 3000);
		force.unref();
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
	process.stderr.write(`emulator failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
	process.exit(1);
});
