import { createHash } from 'node:crypto';

/** The inputs that identify one Place Call item across runs (nothing execution-specific). */
export interface IdempotencyInputs {
	workflowId: string;
	nodeName: string;
	itemIndex: number;
	phones: string[];
	requirement: string;
	agentId?: number;
}

/** Stepone's accepted key format (contract §3). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * A key that is the same every time the same item of the same node in the same workflow
 * asks for the same calls, so a re-run can be recognised (by Stepone if it dedupes, or by
 * anyone comparing keys). The server does not promise dedupe, so the node never resends
 * on its own either. Execution ids and times are left out on purpose: they change per run.
 */
export function deriveIdempotencyKey(inputs: IdempotencyInputs): string {
	const material = JSON.stringify([
		inputs.workflowId,
		inputs.nodeName,
		inputs.itemIndex,
		inputs.phones,
		inputs.requirement,
		inputs.agentId ?? null,
	]);
	return `n8n-stepone-${createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 40)}`;
}
