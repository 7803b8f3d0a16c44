/** The part of autocannon 9's API the ingest benchmark uses (the package ships no types). */
declare module 'autocannon' {
	interface Histogram {
		average: number;
		mean: number;
		p50: number;
		p90: number;
		p99: number;
		max: number;
		total: number;
	}
	interface RawRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	}
	interface RequestSpec extends RawRequest {
		setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest | undefined;
		/** called with the answer of the request this connection's `context` was set up for (pipelining 1) */
		onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
		requests?: RequestSpec[];
	}
	interface Result {
		requests: Histogram;
		latency: Histogram;
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		statusCodeStats: Record<string, { count: number }>;
		'2xx': number;
	}
	function autocannon(options: Options): Promise<Result>;
	export = autocannon;
}
