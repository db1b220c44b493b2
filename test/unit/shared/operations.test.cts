// nodes/shared/operations.ts: old operation values reach the fields of their current value.
import type { INodeProperties } from 'n8n-workflow';

import { currentOperation, versionedOperation, withOperationAliases } from '../../../nodes/shared/operations';

const aliases = { dial: 'placeCall', hangup: 'hangUp' };
const field = (name: string, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({ displayName: name, name, type: 'string', default: '', displayOptions });

it('maps old values to current ones and leaves others alone', () => {
	expect(currentOperation('dial', aliases)).toBe('placeCall');
	expect(currentOperation('placeCall', aliases)).toBe('placeCall');
	expect(currentOperation('speak', aliases)).toBe('speak');
});

it('widens show and hide conditions on operation (also /operation) and nothing else', () => {
	const [shown, hidden, rooted, other] = withOperationAliases(
		[
			field('to', { show: { resource: ['call'], operation: ['placeCall', 'speak'] } }),
			field('x', { hide: { operation: ['hangUp'] } }),
			field('y', { show: { '/operation': ['placeCall'] } }),
			field('z', { show: { resource: ['call'] } }),
		],
		aliases,
	);
	expect(shown.displayOptions).toEqual({ show: { resource: ['call'], operation: ['placeCall', 'speak', 'dial'] } });
	expect(hidden.displayOptions).toEqual({ hide: { operation: ['hangUp', 'hangup'] } });
	expect(rooted.displayOptions).toEqual({ show: { '/operation': ['placeCall', 'dial'] } });
	expect(other.displayOptions).toEqual({ show: { resource: ['call'] } });
});

it('gives version 1 the old values and version 2 the current ones', () => {
	const operation: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{ name: 'Place Call', value: 'placeCall', action: 'Place a call' },
			{ name: 'Speak', value: 'speak', action: 'Speak' },
		],
		default: 'placeCall',
	};
	const [v1, v2] = versionedOperation(operation, aliases);
	expect(v1.options!.map((o) => (o as { value: string }).value)).toEqual(['dial', 'speak']);
	expect(v1.default).toBe('dial');
	expect(v1.displayOptions).toEqual({ show: { resource: ['call'], '@version': [1] } });
	expect(v2.options!.map((o) => (o as { value: string }).value)).toEqual(['placeCall', 'speak']);
	expect(v2.displayOptions).toEqual({ show: { resource: ['call'], '@version': [2] } });
	expect(versionedOperation({ ...operation, options: [{ name: 'Speak', value: 'speak' }] }, aliases)).toHaveLength(1);
});
