/**
 * Test implementation of n8n's `ICredentialsHelper`, reproducing the semantics of
 * n8n 2.40.7 `dist/credentials-helper.js` (CredentialsHelper) over an in-memory credential store:
 *
 * - `authenticate`: function `authenticate` is called as is; generic `authenticate` resolves
 *   `={{$credentials.x}}` expressions with the workflow's expression engine.
 * - `preAuthentication`: only when the type has a hidden `typeOptions.expirable` property; called
 *   when that field is '' or `credentialsExpired` (after the retry status code) or while testing a
 *   credential (node type n8n-nodes-base.noOp with parameter temp = ''); `this` is
 *   `{ helpers: { httpRequest } }` restricted to the credential's allowed domains; the output is
 *   merged into the stored data (keeping user fields that are expressions) and persisted.
 * - `runPreAuthentication` (OAuth2 path): calls the type's preAuthentication without persisting.
 * - `getDecrypted`: defaults applied (NodeHelpers.getNodeParameters), `oauthTokenData` kept,
 *   expressions (`$self`, `$credentials`…) resolved like n8n does.
 * - `updateCredentials` / `updateCredentialsOauthTokenData`: persist into the store.
 *
 * Every call is recorded in `store.events` so tests can assert e.g. "preAuthentication ran once".
 */
import { getAdditionalKeys } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-additional-keys';
import {
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export type CredentialEvent =
	| { kind: 'preAuthentication'; type: string; credentialsExpired: boolean; testing: boolean }
	| { kind: 'runPreAuthentication'; type: string }
	| { kind: 'updateCredentials'; type: string }
	| { kind: 'updateCredentialsOauthTokenData'; type: string };

function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** In-memory "database" of credentials (plain data; n8n would encrypt it). */
export class TestCredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	readonly events: CredentialEvent[] = [];

	private next = 1;

	add(type: string, data: ICredentialDataDecryptedObject, opts: { id?: string; name?: string } = {}) {
		const id = opts.id ?? `cred-${this.next++}`;
		const entry: StoredCredential = { id, name: opts.name ?? `${type} account`, type, data: clone(data) };
		this.byId.set(id, entry);
		return entry;
	}

	getById(id: string): StoredCredential | undefined {
		return this.byId.get(id);
	}

	/** The first stored credential of a type. */
	findByType(type: string): StoredCredential | undefined {
		return [...this.byId.values()].find((c) => c.type === type);
	}

	/** A copy of the currently persisted data of the (first) credential of `type`. */
	data(type: string): ICredentialDataDecryptedObject {
		const entry = this.findByType(type);
		if (!entry) throw new Error(`no stored credential of type ${type}`);
		return clone(entry.data);
	}

	/** Overwrite stored fields (e.g. to simulate an expired token: `{ accessToken: 'expired' }`). */
	patch(type: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.findByType(type);
		if (!entry) throw new Error(`no stored credential of type ${type}`);
		entry.data = { ...entry.data, ...clone(data) };
	}

	set(id: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.byId.get(id);
		if (!entry) throw new Error(`no stored credential ${id}`);
		entry.data = clone(data);
	}

	count(kind: CredentialEvent['kind'], type?: string): number {
		return this.events.filter((e) => e.kind === kind && (type === undefined || e.type === type)).length;
	}
}

/** ICredentials over the store (plain data instead of encrypted data). */
class StoreCredentials extends ICredentials {
	constructor(
		private readonly store: TestCredentialStore,
		entry: StoredCredential,
	) {
		super({ id: entry.id, name: entry.name }, entry.type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return clone(this.entry().data);
	}

	getDataToSave(): ICredentialsEncrypted {
		const entry = this.entry();
		return { id: entry.id, name: entry.name, type: entry.type, data: JSON.stringify(entry.data) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.set(this.id as string, data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...this.entry().data, ...clone(toUpdate) } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		this.store.set(this.id as string, data);
	}

	private entry(): StoredCredential {
		const entry = this.store.getById(this.id as string);
		if (!entry) throw new UnexpectedError(`Credential ${this.id} not found`);
		return entry;
	}
}

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
};

function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	} as IHttpRequestHelper;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		readonly store: TestCredentialStore,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError('Unknown credential type', { tags: { credentialType: name } });
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		if (type?.extends === undefined) return [];
		const types: string[] = [];
		for (const parent of type.extends) {
			types.push(parent, ...this.getParentTypes(parent));
		}
		return types;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const credentialType = this.getType(typeName);
		const { authenticate } = credentialType;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
						const keyResolved = this.resolveValue(key, credentials, workflow, node);
						const valueResolved = this.resolveValue(value, credentials, workflow, node);
						target[outerKey] ??= {};
						target[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	private resolveValue(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value as string;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		if (!resolved) return '';
		return String(resolved);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirableProperty.name] === '' ||
			credentialsExpired ||
			isTestingCredentials
		) {
			this.store.events.push({
				kind: 'preAuthentication',
				type: typeName,
				credentialsExpired,
				testing: isTestingCredentials,
			});
			const output = await credentialType.preAuthentication.call(
				restrictToCredentialDomains(helpers, credentials),
				credentials,
			);
			if (output[expirableProperty.name] === undefined) return undefined;
			if (node.credentials) {
				const nodeCredentials = node.credentials[credentialType.name];
				const storedData = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
				const dataToPersist = { ...storedData };
				for (const [key, value] of Object.entries(output)) {
					if (key === expirableProperty.name || !isExpression(storedData[key])) {
						dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
					}
				}
				await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		this.store.events.push({ kind: 'runPreAuthentication', type: typeName });
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async getCredentials(nodeCredential: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new StoreCredentials(this.store, this.getEntry(nodeCredential, type));
	}

	private getEntry(nodeCredential: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredential?.id) {
			throw new UserError(`Credential "${nodeCredential?.name}" of type "${type}" has no ID.`);
		}
		const entry = this.store.getById(nodeCredential.id);
		if (!entry || entry.type !== type) {
			throw new UserError(`Credential with ID "${nodeCredential.id}" does not exist for type "${type}".`);
		}
		return entry;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.getType(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties: INodeProperties[] = [];
		for (const credentialsTypeName of credentialTypeData.extends) {
			const mergeCredentialProperties = this.getCredentialsProperties(credentialsTypeName);
			NodeHelpers.mergeNodeProperties(combineProperties, mergeCredentialProperties);
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = this.getEntry(nodeCredentials, type);
		const decryptedDataOriginal = clone(entry.data);
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData as ICredentialDataDecryptedObject[string];
		}
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({
				nodes: [{ ...mockNode }],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		this.store.events.push({ kind: 'updateCredentials', type });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		this.store.events.push({ kind: 'updateCredentialsOauthTokenData', type });
	}
}
