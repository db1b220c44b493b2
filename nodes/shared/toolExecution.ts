import { NodeConnectionTypes, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether an AI agent runs the node as a tool. Agents that wrap the node as a tool give it
 * a context whose `isToolExecution()` says so; n8n 2.x agents that ask the engine to run
 * the node instead mark the node itself (`rewireOutputLogTo: ai_tool`, a public INode field)
 * and hand it an ordinary context, whose `isToolExecution()` is false.
 */
export function isToolExecution(ctx: IExecuteFunctions): boolean {
	if (typeof ctx.isToolExecution === 'function' && ctx.isToolExecution()) return true;
	return ctx.getNode().rewireOutputLogTo === NodeConnectionTypes.AiTool;
}
