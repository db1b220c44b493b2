// Tool > Delete is sent once: a DELETE whose reply was lost (or that got a 5xx) may have taken
// effect, so the node says how to check instead of sending it again. A 429 deleted nothing:
// a short wait is waited out and the DELETE resent, a long one is reported.
import { pamelaError } from '../simulator/providers/pamela/index.cts';
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { jsonOf, runPamela } from './helpers.cts';

let simulator: RunningSimulator;
const TOOL_PATH = /^\/api\/b2b\/v1\/tools\//;

beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01 });
});
afterAll(async () => simulator.stop());
afterEach(() => simulator.sim.faults.clear());

async function registeredToolId(name: string): Promise<string> {
	const [tool] = jsonOf(
		await runPamela(simulator, {
			resource: 'tool',
			operation: 'register',
			name,
			description: 'Finds an order',
			schemaSource: 'fields',
			inputFields: { fields: [{ name: 'order_id', type: 'string', required: true }] },
		}),
	);
	return String(tool.id);
}

const deleteTool = (toolId: string) => runPamela(simulator, { resource: 'tool', operation: 'delete', toolId });
const deletesOf = (toolId: string) => simulator.sim.requestsTo('DELETE', `/api/b2b/v1/tools/${toolId}`);
const isRegistered = (toolId: string) => simulator.pamela.tools.definitions.some((tool) => tool.id === toolId && tool.active);

it('deletes a tool with one DELETE', async () => {
	const toolId = await registeredToolId('delete_ok');
	const [deleted] = jsonOf(await deleteTool(toolId));
	expect(deleted).toMatchObject({ id: toolId, deleted: true });
	expect(deletesOf(toolId)).toHaveLength(1);
	expect(isRegistered(toolId)).toBe(false);
});

it('a reply lost after the DELETE was carried out: no second DELETE, and the error says how to check', async () => {
	const toolId = await registeredToolId('delete_lost_reply');
	simulator.sim.faults.add({ method: 'DELETE', path: TOOL_PATH, kind: 'reset-after' });
	const result = await deleteTool(toolId);
	expect(result.errors.Pamela?.message).toMatch(/^The connection to Pamela was lost before it answered/);
	expect(result.errors.Pamela.description).toBe(
		`Item 0: It is unknown whether the tool ${toolId} was deleted: use Tool > Get Many to see whether it is still registered before deleting it again.`,
	);
	expect(deletesOf(toolId)).toHaveLength(1);
	expect(isRegistered(toolId)).toBe(false);
});

it('a 5xx is not resent either: exactly one DELETE reaches the simulator, and the error says how to check', async () => {
	const toolId = await registeredToolId('delete_503');
	// Two faults are armed: a resent DELETE would use the second one (and a third would reach the route).
	simulator.sim.faults.add({ method: 'DELETE', path: TOOL_PATH, kind: 'status', times: 2, response: { status: 503, body: { detail: 'Service unavailable' } } });
	const result = await deleteTool(toolId);
	expect(result.errors.Pamela?.message).toBe('Pamela error (HTTP 503): Service unavailable');
	expect(result.errors.Pamela.description).toBe(
		`Item 0: Pamela answered HTTP 503, so it is unknown whether the tool ${toolId} was deleted: use Tool > Get Many to see whether it is still registered before deleting it again.`,
	);
	// One armed fault is left over (the DELETE was sent once) and no DELETE reached the route.
	expect(simulator.sim.faults.take('DELETE', `/api/b2b/v1/tools/${toolId}`)).toBeDefined();
	expect(deletesOf(toolId)).toHaveLength(0);
	expect(isRegistered(toolId)).toBe(true);
});

it('a 429 with a short wait deleted nothing: the node waits it out and sends the DELETE again', async () => {
	const toolId = await registeredToolId('delete_429_short');
	simulator.sim.faults.rateLimit(TOOL_PATH, pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 1 }).body, 1, 'DELETE');
	const [deleted] = jsonOf(await deleteTool(toolId));
	expect(deleted).toMatchObject({ id: toolId, deleted: true });
	expect(deletesOf(toolId)).toHaveLength(1);
	expect(isRegistered(toolId)).toBe(false);
});

it('a 429 with a long wait is reported with that wait, and the tool stays registered', async () => {
	const toolId = await registeredToolId('delete_429_long');
	simulator.sim.faults.rateLimit(TOOL_PATH, pamelaError(429, 6001, 'Rate limit exceeded', { retry_after: 60 }).body, 60, 'DELETE');
	const result = await deleteTool(toolId);
	expect(result.errors.Pamela?.message).toBe('Pamela error 6001 (HTTP 429): Rate limit exceeded');
	expect(result.errors.Pamela.description).toMatch(/^Item 0: Pamela is limiting the request rate: .*Wait 60 s before trying again\.$/);
	expect(deletesOf(toolId)).toHaveLength(0);
	expect(isRegistered(toolId)).toBe(true);
});
