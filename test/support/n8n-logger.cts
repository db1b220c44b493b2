// The Logger n8n-core gives a node as `this.logger` (one instance in its own DI container),
// so a test can see what a node wrote to n8n's log.
import path from 'node:path';

const coreDir = path.dirname(require.resolve('n8n-core'));
const fromCore = (name: string) => require(require.resolve(name, { paths: [coreDir] })) as Record<string, unknown>;

type LogFn = (message: string, meta?: object) => void;

export function n8nLogger(): { warn: LogFn; info: LogFn; debug: LogFn; error: LogFn } {
	const { Container } = fromCore('@n8n/di') as { Container: { get(type: unknown): unknown } };
	const { Logger } = fromCore('@n8n/backend-common');
	return Container.get(Logger) as ReturnType<typeof n8nLogger>;
}
