// Shared bits of the Stepone workflow tests: node literals and a simulator per test file.
import type { INode } from 'n8n-workflow';

import { node } from '../harness/engine.cts';
import type { RunningSimulator } from '../simulator/index.cts';

export const STEPONE = 'n8n-nodes-ai-calls.steponeAi';
export const CREDENTIAL_REF = { steponeAiApi: { id: '1', name: 'Stepone' } };

export function stepone(name: string, parameters: Record<string, unknown>, extra: Partial<INode> = {}): INode {
	return node({ name, type: STEPONE, parameters: parameters as INode['parameters'], credentials: CREDENTIAL_REF, ...extra });
}

export function credentialsFor(simulator: RunningSimulator, overrides: Record<string, string> = {}) {
	return { steponeAiApi: simulator.stepone.credentials(overrides) };
}

export const placeCall = (name: string, parameters: Record<string, unknown>, extra: Partial<INode> = {}) =>
	stepone(name, { resource: 'call', operation: 'placeCall', ...parameters }, extra);

export const streamConversation = (name: string, parameters: Record<string, unknown> = {}, extra: Partial<INode> = {}) =>
	stepone(name, { resource: 'call', operation: 'streamConversation', callId: '={{ $json.callId }}', ...parameters }, extra);

export const getCallRecord = (name: string, parameters: Record<string, unknown> = {}, extra: Partial<INode> = {}) =>
	stepone(name, { resource: 'call', operation: 'getCallRecord', callId: '={{ $json.callId }}', ...parameters }, extra);

export const REQUIREMENT = '提醒客户明天上午十点到店取货，语气礼貌。';
