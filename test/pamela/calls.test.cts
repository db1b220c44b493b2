// The action node against the simulator in real workflows: placing a call (body as sent),
// its lifecycle through Get Call, listing with pagination and filters, cancel, hang-up,
// tools and usage.
import { startSimulator, type RunningSimulator } from '../simulator/index.cts';
import { CALLS_PATH, jsonOf, placeCall, runPamela } from './helpers.cts';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulator();
	// Calls move only when a test steps the clock (waitForStatus / waitForTranscript), so a
	// state such as "transcript pending" lasts until the test has looked at it.
	simulator.sim.clock.hold();
});
afterAll(async () => simulator.stop());

describe('Call > Place', () => {
	it('sends the number in E.164 with every option, and returns the new call', async () => {
		const result = await runPamela(
			simulator,
			placeCall('(415) 555-0100', 'Ask about opening hours', {
				country: 'us',
				voice: 'female',
				agentName: 'Pam',
				callerName: 'Acme',
				locale: 'en-US',
				instructions: 'Be brief',
				maxDurationSeconds: 120,
				endUserId: 'user-7',
				metadataUi: { entries: [{ key: 'order', value: 'A-17' }] },
				metadataJson: '{"source": "n8n", "order": "overridden"}',
				tools: '[{"name": "lookup_order", "description": "Finds an order"}]',
			}),
		);
		const [call] = jsonOf(result);
		expect(call).toMatchObject({ status: 'queued', to: '+14155550100' });
		expect(call.id).toMatch(/^call_/);
		expect(simulator.sim.requestsTo('POST', CALLS_PATH).at(-1)!.body).toEqual({
			to: '+14155550100',
			task: 'Ask about opening hours',
			country: 'US',
			voice: 'female',
			agent_name: 'Pam',
			caller_name: 'Acme',
			locale: 'en-US',
			instructions: 'Be brief',
			max_duration_seconds: 120,
			end_user_id: 'user-7',
			metadata: { source: 'n8n', order: 'A-17' },
			tools: [{ name: 'lookup_order', description: 'Finds an order' }],
		});
	});

	it('runs queued → in_progress → completed, and Get Call returns the transcript once it is filled in', async () => {
		simulator.pamela.callee('+14155550101', { answer: 'answer', ringMs: 500, says: ['Yes, 8 pm works.', 'Under Smith.'] });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550101')));
		const getCall = { resource: 'call', operation: 'get', callId: placed.id };
		await simulator.pamela.waitForStatus(String(placed.id), ['in_progress']);
		expect(jsonOf(await runPamela(simulator, getCall))[0]).toMatchObject({ status: 'in_progress', final: false });
		await simulator.pamela.waitForStatus(String(placed.id), ['completed']);
		// Right after completion the transcript is still empty (contract §4); the node says so.
		expect(jsonOf(await runPamela(simulator, getCall))[0]).toMatchObject({ status: 'completed', transcriptPending: true, transcript: [] });
		await simulator.pamela.waitForTranscript(String(placed.id));
		const [call] = jsonOf(await runPamela(simulator, getCall));
		expect(call).toMatchObject({ id: placed.id, status: 'completed', final: true, transcriptPending: false });
		expect(call.startedAt).toEqual(expect.any(String));
		expect(call.endedAt).toEqual(expect.any(String));
		expect(call.durationSeconds).toBeGreaterThan(0);
		expect(call.summary).toContain('Book a table');
		expect((call.transcript as Array<{ speaker: string; text: string }>).map((e) => [e.speaker, e.text])).toEqual([
			['agent', 'Hi, this is Pamela calling. Book a table for two at 8 pm'],
			['callee', 'Yes, 8 pm works.'],
			['callee', 'Under Smith.'],
			['agent', 'Thank you, goodbye.'],
		]);
		expect((call.raw as { transcript: unknown[] }).transcript).toHaveLength(4);
	});

	it('normalises a transcript sent as role/content to speaker/text and keeps the raw call', async () => {
		simulator.pamela.transcriptShape = 'role-content';
		try {
			simulator.pamela.callee('+14155550102', { answer: 'answer', ringMs: 100, says: ['Hello?'] });
			const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550102')));
			await simulator.pamela.waitForTranscript(String(placed.id));
			const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId: placed.id }));
			expect((call.transcript as object[])[1]).toEqual({ speaker: 'callee', text: 'Hello?', timestamp: expect.any(String) });
			expect((call.raw as { transcript: object[] }).transcript[1]).toMatchObject({ role: 'callee', content: 'Hello?' });
		} finally {
			simulator.pamela.transcriptShape = 'speaker-text';
		}
	});

	it('marks a busy line as failed', async () => {
		simulator.pamela.callee('+14155550103', { answer: 'busy', ringMs: 100 });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550103')));
		await simulator.pamela.waitForStatus(String(placed.id));
		const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId: placed.id }));
		expect(call).toMatchObject({ status: 'failed', startedAt: null });
		expect(call.summary).toContain('busy');
	});
});

describe('Call > Cancel and Hang Up', () => {
	it('cancel moves a ringing call to cancelled', async () => {
		simulator.pamela.callee('+14155550110', { answer: 'answer', ringMs: 600000 });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550110')));
		await simulator.pamela.waitForStatus(String(placed.id), ['ringing']);
		const [cancelled] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'cancel', callId: placed.id }));
		expect(cancelled).toMatchObject({ id: placed.id, cancelled: true, status: 'cancelled' });
		const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId: placed.id }));
		expect(call.status).toBe('cancelled');
	});

	it('hang up ends a call in progress as completed', async () => {
		simulator.pamela.callee('+14155550111', { answer: 'answer', ringMs: 100, says: Array.from({ length: 50 }, (_, i) => `Turn ${i}`) });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550111')));
		await simulator.pamela.waitForStatus(String(placed.id), ['in_progress']);
		const [hungUp] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'hangUp', callId: placed.id }));
		expect(hungUp).toMatchObject({ id: placed.id, hungUp: true, status: 'completed' });
		const [call] = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'get', callId: placed.id }));
		expect(call.status).toBe('completed');
		expect(call.summary).toContain('hung up');
	});

	it('hanging up a call that has not connected is a clear error', async () => {
		simulator.pamela.callee('+14155550112', { answer: 'answer', ringMs: 600000 });
		const [placed] = jsonOf(await runPamela(simulator, placeCall('+14155550112')));
		const result = await runPamela(simulator, { resource: 'call', operation: 'hangUp', callId: placed.id });
		expect(result.errors.Pamela.message).toMatch(/Pamela error 2001 \(HTTP 422\): status: the call is not in progress/);
	});
});

describe('Call > Get Many', () => {
	it('pages through more than 100 calls with Return All, filtered by status', async () => {
		for (let i = 0; i < 105; i++) simulator.pamela.callee(`+1415555${String(2000 + i)}`, { answer: 'answer', ringMs: 600000 });
		const input = Array.from({ length: 105 }, (_, i) => ({ json: { to: `+1415555${2000 + i}` } }));
		const placed = jsonOf(await runPamela(simulator, placeCall('={{ $json.to }}'), { input }));
		expect(placed).toHaveLength(105);
		await Promise.all(placed.map((call) => simulator.pamela.waitForStatus(String(call.id), ['ringing'])));
		const before = simulator.pamela.calls.listQueries.length;
		const calls = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'getMany', returnAll: true, filters: { status: 'ringing' } }));
		const ringing = [...simulator.pamela.calls.calls.values()].filter((c) => c.status === 'ringing').length;
		expect(calls).toHaveLength(ringing);
		expect(new Set(calls.map((c) => c.id)).size).toBe(ringing);
		const pages = simulator.pamela.calls.listQueries.slice(before).map((q) => [q.get('limit'), q.get('offset')]);
		expect(pages).toEqual([['100', '0'], ['100', '100']]);
	});

	it('sends the status as status_filter and status, the dates in ISO 8601, and stops at the limit', async () => {
		const calls = jsonOf(
			await runPamela(simulator, {
				resource: 'call',
				operation: 'getMany',
				returnAll: false,
				limit: 3,
				filters: { status: 'ringing', startDate: '2020-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z' },
			}),
		);
		expect(calls).toHaveLength(3);
		expect(Object.fromEntries(simulator.pamela.calls.listQueries.at(-1)!)).toEqual({
			status_filter: 'ringing',
			status: 'ringing',
			start_date: '2020-01-01T00:00:00.000Z',
			end_date: '2099-01-01T00:00:00.000Z',
			limit: '3',
			offset: '0',
		});
		expect(calls.every((c) => c.status === 'ringing')).toBe(true);
		expect(calls[0]).toHaveProperty('raw');
	});

	it('finds nothing in a date range without calls', async () => {
		const calls = jsonOf(await runPamela(simulator, { resource: 'call', operation: 'getMany', returnAll: true, filters: { endDate: '2001-01-01T00:00:00Z' } }));
		expect(calls).toEqual([]);
	});
});

describe('Tool and Usage', () => {
	it('registers a tool from a field list, lists it and deletes it', async () => {
		const [registered] = jsonOf(
			await runPamela(simulator, {
				resource: 'tool',
				operation: 'register',
				name: 'lookup_order',
				description: 'Finds an order by its number',
				schemaSource: 'fields',
				inputFields: { fields: [{ name: 'order_id', type: 'string', description: 'Order number', required: true }, { name: 'verbose', type: 'boolean', required: false }] },
				options: { timeoutSeconds: 12 },
			}),
		);
		expect(registered).toMatchObject({ name: 'lookup_order', id: expect.stringMatching(/^tool_/) });
		expect(simulator.sim.requestsTo('POST', '/api/b2b/v1/tools').at(-1)!.body).toEqual({
			tool: {
				name: 'lookup_order',
				description: 'Finds an order by its number',
				input_schema: {
					type: 'object',
					properties: { order_id: { type: 'string', description: 'Order number' }, verbose: { type: 'boolean' } },
					required: ['order_id'],
				},
				output_schema: {},
				timeout_ms: 12000,
			},
		});
		const listed = jsonOf(await runPamela(simulator, { resource: 'tool', operation: 'getMany' }));
		expect(listed.map((t) => t.name)).toContain('lookup_order');
		const [deleted] = jsonOf(await runPamela(simulator, { resource: 'tool', operation: 'delete', toolId: registered.id }));
		expect(deleted).toMatchObject({ id: registered.id, deleted: true });
		expect(jsonOf(await runPamela(simulator, { resource: 'tool', operation: 'getMany' })).map((t) => t.id)).not.toContain(registered.id);
	});

	it('registers a tool from a JSON Schema, and refuses a schema that is not an object', async () => {
		const schema = '{"type": "object", "properties": {"sku": {"type": "string"}}}';
		const [ok] = jsonOf(await runPamela(simulator, { resource: 'tool', operation: 'register', name: 'check_stock', description: 'Stock', schemaSource: 'json', inputSchema: schema }));
		expect(ok.name).toBe('check_stock');
		const bad = await runPamela(simulator, { resource: 'tool', operation: 'register', name: 'check_stock', description: 'Stock', schemaSource: 'json', inputSchema: '{"type": "array"}' });
		expect(bad.errors.Pamela.message).toBe('Input Schema (JSON) must describe an object');
		expect(bad.errors.Pamela.description).toContain('Item 0');
	});

	it('gets the usage of a month', async () => {
		const period = new Date().toISOString().slice(0, 7);
		const [usage] = jsonOf(await runPamela(simulator, { resource: 'usage', operation: 'get', period }));
		expect(usage).toMatchObject({ period, call_count: expect.any(Number) });
		expect(usage.call_count).toBeGreaterThan(0);
		const bad = await runPamela(simulator, { resource: 'usage', operation: 'get', period: 'November' });
		expect(bad.errors.Pamela.message).toBe('Month "November" is not in YYYY-MM form');
	});
});
