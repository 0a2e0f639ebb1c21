import { parseFlags } from '../cli.ts';
import { serveStatic } from '../serve.ts';
import { QuarryError } from '../../src/core/errors.ts';
import { STRICT_CSP } from '../../src/core/csp.ts';

export async function runServe(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { port: { type: 'string' }, isolate: { type: 'boolean' }, csp: { type: 'boolean' }, 'open-path': { type: 'string' } },
    'serve',
  );
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new QuarryError('BAD_OPTION', `--port must be 0–65535, got "${values.port}".`);
  const server = await serveStatic({ root: positionals[0] ?? '.', port, isolate: values.isolate, csp: values.csp ? STRICT_CSP : undefined });
  process.stdout.write(`Serving ${positionals[0] ?? '.'} at ${server.url}${values['open-path'] ?? '/'}  (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await server.close();
  return 0;
}
