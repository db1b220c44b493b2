// engine_list and tts_list: the values Place Call may send as model_engine and voice_id.
// The official client calls them without a key (contract §2), so only the version is checked.
import type { SimRequest, SimResponse } from '../../core/server.cts';
import type { SteponeSimulator } from './index.cts';

export class SteponeCatalog {
	engines = [
		{ model_engine: 'stepone-mini', name: 'Stepone Mini', description: 'Fast, low cost' },
		{ model_engine: 'stepone-pro', name: 'Stepone Pro', description: 'Better reasoning' },
	];

	voices = [
		{ voice_id: 'v0001', name: '温柔女声' },
		{ voice_id: 'v0002', name: '沉稳男声' },
	];
}

export function engineList(api: SteponeSimulator, req: SimRequest): SimResponse {
	return api.versionChecked(req) ?? { status: 200, body: { success: true, data: api.catalog.engines } };
}

export function ttsList(api: SteponeSimulator, req: SimRequest): SimResponse {
	return api.versionChecked(req) ?? { status: 200, body: { success: true, data: api.catalog.voices } };
}
