import type { INodeProperties } from 'n8n-workflow';

import { sendDescription } from '../sms/send.description';
import { API_VERSION_OPTION } from './fields';

/**
 * The send options every channel shares (parallel requests, rate, retries, timeout), taken from the
 * SMS description so that the channels stay in step with it.
 */
export const sharedSendOptions: INodeProperties[] = (
	(sendDescription.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[]
).filter((option) => option.name !== API_VERSION_OPTION.name);

/** The SMS description with the API Version option added to its Options (its other parameters unchanged). */
export function withApiVersion(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		if (property.name !== 'options' || property.type !== 'collection') return property;
		const options = [API_VERSION_OPTION, ...((property.options ?? []) as INodeProperties[]).filter((o) => o.name !== API_VERSION_OPTION.name)];
		return { ...property, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
	});
}
