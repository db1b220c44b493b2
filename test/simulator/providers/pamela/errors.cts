// Pamela error bodies: shape 1 of the contract (§6), `{"detail": {"error_code", "message", "details"}}`.
import type { SimResponse } from '../../core/server.cts';

export function pamelaError(status: number, errorCode: number, message: string, details: Record<string, unknown> = {}): SimResponse {
	return { status, body: { detail: { error_code: errorCode, message, details } } };
}

/** 422 with 2001, naming the field, as a FastAPI-style validator would. */
export function validationError(field: string, message: string): SimResponse {
	return pamelaError(422, 2001, `${field}: ${message}`, { field });
}
