import { createHash } from 'node:crypto';

/**
 * What identifies one call request across runs: the contact (the numbers) and the campaign.
 * Nothing execution-specific, and not the item's position: a re-run of only the failed
 * contacts puts them at other positions, and must still send the keys of the first run.
 */
export interface IdempotencyInputs {
	/** The user's Campaign ID option; when set, it alone names the campaign. */
	campaignId?: string;
	workflowId: string;
	nodeName: string;
	phones: string[];
	requirement: string;
	agentId?: number;
}

/** Stepone's accepted key format (contract §3). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The same key every time the same contact is asked for in the same campaign, so a re-run
 * can be recognised (by Stepone if it dedupes, or by anyone comparing keys). With a Campaign
 * ID the key is campaign + numbers only, so a requirement that embeds run-time values (a date,
 * `$now`) does not change it. Without one, the workflow and node stand for the campaign and the
 * requirement and agent are part of it. The server does not promise dedupe, so the node never
 * resends on its own either.
 */
export function deriveIdempotencyKey(inputs: IdempotencyInputs): string {
	const campaign = inputs.campaignId?.trim();
	const material = JSON.stringify(
		campaign
			? ['campaign', campaign, inputs.phones]
			: [inputs.workflowId, inputs.nodeName, inputs.phones, inputs.requirement, inputs.agentId ?? null],
	);
	return `n8n-stepone-${createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 40)}`;
}
