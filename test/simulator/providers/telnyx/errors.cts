// Telnyx error bodies: `errors[]` with string codes (contract §2).
import type { SimResponse } from '../../core/server.cts';

export function telnyxError(status: number, code: string, title: string, detail?: string, pointer?: string, headers?: Record<string, string>): SimResponse {
	return {
		status,
		headers,
		body: {
			errors: [
				{
					code,
					title,
					...(detail ? { detail } : {}),
					...(pointer ? { source: { pointer } } : {}),
					meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` },
				},
			],
		},
	};
}
