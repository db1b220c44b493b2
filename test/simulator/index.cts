// Starts the simulator with every provider on one loopback port.
import { Simulator } from './core/server.cts';
import { PamelaSimulator } from './providers/pamela/index.cts';
import { SteponeSimulator } from './providers/stepone/index.cts';
import { TelnyxSimulator } from './providers/telnyx/index.cts';

export interface RunningSimulator {
	sim: Simulator;
	telnyx: TelnyxSimulator;
	pamela: PamelaSimulator;
	stepone: SteponeSimulator;
	baseUrl: string;
	stop: () => Promise<void>;
}

export async function startSimulator(options: { timeScale?: number; port?: number } = {}): Promise<RunningSimulator> {
	const sim = new Simulator({ timeScale: options.timeScale });
	const telnyx = new TelnyxSimulator(sim);
	const pamela = new PamelaSimulator(sim);
	const stepone = new SteponeSimulator(sim);
	const baseUrl = await sim.start(options.port);
	return { sim, telnyx, pamela, stepone, baseUrl, stop: () => sim.stop() };
}
