import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseHttpUrl } from '../../shared/url';

const LABEL = /^[\w\s\-.(),@:'`?#!]+$/;

/** Checks provider fields against Adobe's constraints before anything is written. */
export function validateProviderModel(
	this: IExecuteFunctions,
	model: IDataObject,
	itemIndex: number,
): void {
	const label = String(model.label ?? '');
	if (label.length < 1 || label.length > 255 || !LABEL.test(label)) {
		throw new NodeOperationError(this.getNode(), 'The provider label is not valid', {
			itemIndex,
			description:
				"Use 1 to 255 characters: letters, digits, spaces and - _ . ( ) , @ : ' ` ? # !",
		});
	}
	if (typeof model.description === 'string' && model.description.length > 255) {
		throw new NodeOperationError(this.getNode(), 'The provider description is too long', {
			itemIndex,
			description: 'Adobe accepts at most 255 characters.',
		});
	}
	if (typeof model.docs_url === 'string' && model.docs_url !== '') {
		if (model.docs_url.length > 255 || !parseHttpUrl(model.docs_url)) {
			throw new NodeOperationError(this.getNode(), `"${model.docs_url}" is not a valid documentation URL`, {
				itemIndex,
				description: 'Use a full http(s) URL of at most 255 characters.',
			});
		}
	}
}
