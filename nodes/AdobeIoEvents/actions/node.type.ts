import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { EventCodeCache } from './utils';

/**
 * Every resource of the Adobe I/O Events action node and its operations.
 * The router's dispatch table is typed against this map, so a missing
 * operation module is a compile error.
 */
export type NodeMap = {
	customApiCall: 'request';
	event: 'publish';
	eventMetadata: 'create' | 'delete' | 'deleteAll' | 'get' | 'getAll' | 'update';
	journal: 'getEvents';
	provider: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	providerMetadata: 'getAll';
	registration:
		| 'create'
		| 'delete'
		| 'diagnose'
		| 'disable'
		| 'enable'
		| 'get'
		| 'getAll'
		| 'getDeliveryTraces'
		| 'update';
	sampleEvent: 'get' | 'send';
	subscriberFilter: 'validate';
};

export type AdobeIoEventsResource = keyof NodeMap;

/** State shared by all items of one execution (bounded caches). */
export interface ExecutionState {
	/** provider id → event codes the provider declares (see assertEventCodesExist), bounded */
	eventCodes: EventCodeCache;
}

/** What one operation returns for one input item. */
export type OperationResult = IDataObject | IDataObject[];

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
) => Promise<OperationResult>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

export type ResourceModule<R extends AdobeIoEventsResource> = {
	[O in NodeMap[R]]: OperationModule;
};
