/** The part of @n8n/scan-community-package's scanner module `npm run lint:scanner` uses (the package ships no types). */
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface AnalysisResult {
		passed: boolean;
		message?: string;
		details?: string;
		error?: unknown;
	}
	/** n8n's verification lint of one unpacked package (or source checkout). */
	export function analyzePackage(packageDir: string, filePatterns?: string[]): Promise<AnalysisResult>;
	/** The ESLint flat config analyzePackage lints with. */
	export function buildScanConfig(): Promise<unknown[]>;
	/** The source leg's files: package.json and nodes/ + credentials/ sources. */
	export const SOURCE_FILE_PATTERNS: string[];
}
