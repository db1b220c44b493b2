// Small waits for example drivers: real time, because n8n runs on its own.
import type { RealN8n } from '../n8n-process.cts';

export async function until<T>(find: () => T | undefined | Promise<T | undefined>, ms: number, every = 250): Promise<T | undefined> {
	const deadline = Date.now() + ms;
	for (;;) {
		const found = await find();
		if (found !== undefined || Date.now() > deadline) return found;
		await new Promise((resolve) => setTimeout(resolve, every));
	}
}

/** Waits until the workflow has `count` finished executions (or the time is up) and returns them all. */
export async function finishedExecutions(n8n: RealN8n, workflowId: string, count: number, ms = 60000) {
	const done = (e: { status: string }) => !['new', 'running', 'waiting'].includes(e.status);
	const all = await until(async () => {
		const executions = await n8n.executions(workflowId);
		return executions.filter(done).length >= count ? executions : undefined;
	}, ms, 1000);
	return all ?? (await n8n.executions(workflowId));
}

export const webhookUrl = (n8n: RealN8n, webhookId: string | undefined) => `http://127.0.0.1:${n8n.port}/webhook/${webhookId}/webhook`;
