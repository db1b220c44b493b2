import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { providerApiError } from '../../shared/errors';
import { headerValue } from '../../shared/headers';
import { secretsOf } from '../../shared/secrets';
import { requestError } from '../../shared/transport';
import { stepone, steponeProvider } from '../transport';
import type { ByteChunks } from './sse';

/** A streamed response body: its chunks, and a way to close it early. */
export type StreamBody = ByteChunks & { destroy(error?: Error): void };

const NOT_A_STREAM_HINT =
	'Stream Conversation needs an event stream (text/event-stream) from Stepone AI: check the Base URL of the Stepone AI credential ' +
	'(it must be Stepone\'s API, https://open-skill-api.steponeai.com, not a web page or a proxy that changes the reply), then run again.';

/** Error bodies are short; more than this is not read into memory. */
const MAX_ERROR_BODY = 64 * 1024;

async function readSmall(body: ByteChunks): Promise<unknown> {
	const decoder = new TextDecoder('utf-8');
	let text = '';
	for await (const chunk of body) {
		text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		if (text.length > MAX_ERROR_BODY) break;
	}
	text += decoder.decode();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Opens `stream_chat_history` for a call through n8n's authenticated helper (credential
 * headers, proxy, the execution's cancel signal). An HTTP error, or a JSON body where the
 * event stream should be (`success:false`), becomes the same error the JSON calls give.
 * Opening a stream places nothing, but it is not retried: the caller reports what it got.
 */
export async function openConversationStream(
	ctx: IExecuteFunctions,
	callId: string,
	itemIndex: number,
	idleTimeoutMs: number,
): Promise<StreamBody> {
	const { provider, credentials } = await steponeProvider(ctx, itemIndex);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${provider.baseUrl(credentials)}/api/v1/callinfo/stream_chat_history`,
		body: { call_id: callId },
		headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json; charset=utf-8' },
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: idleTimeoutMs,
	};
	let response: { statusCode: number; body: StreamBody; headers: Record<string, unknown> };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, stepone.credentialType, options);
	} catch (error) {
		throw requestError(ctx, provider, error, { itemIndex });
	}
	const { statusCode: status, headers, body } = response;
	const contentType = headerValue(headers, 'content-type') ?? '';
	const isEventStream = contentType.includes('text/event-stream');
	if (status < 400 && isEventStream) return body;
	const errorBody = await readSmall(body);
	body.destroy();
	const failure = { status, body: errorBody, headers };
	if (status < 400 && !(errorBody && typeof errorBody === 'object' && (errorBody as IDataObject).success === false)) {
		// A 2xx that is neither an event stream nor a failure: say what came instead, and where to look.
		failure.body = { message: `expected an event stream, got ${contentType || 'no content type'}` };
		const parse = (f: typeof failure) => ({ ...provider.parseError(f), hint: NOT_A_STREAM_HINT });
		throw providerApiError(ctx.getNode(), stepone.name, failure, parse, itemIndex, secretsOf(credentials));
	}
	throw providerApiError(ctx.getNode(), stepone.name, failure, provider.parseError, itemIndex, secretsOf(credentials));
}
