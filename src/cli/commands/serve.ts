import { stat } from 'node:fs/promises';
import { serveStatic, type RunningServer } from '../serve/server.ts';
import { QuarryError } from '../../core/errors.ts';
import { STRICT_CSP } from '../serve/csp.ts';
import { parseFlags } from './flags.ts';

export async function runServe(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { port: { type: 'string' }, isolate: { type: 'boolean' }, csp: { type: 'boolean' }, 'open-path': { type: 'string' } },
    'serve',
  );
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new QuarryError('BAD_OPTION', `--port must be 0–65535, got "${values.port}".`);
  const root = positionals[0] ?? '.';
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new QuarryError('BAD_OPTION', `Folder not found: ${root}. Give the folder to serve: \`quarry serve <dir>\`.`);
  const server = await listen(root, port, values.isolate, values.csp);
  process.stdout.write(`Serving ${root} at ${server.url}${values['open-path'] ?? '/'}  (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

async function listen(root: string, port: number, isolate?: boolean, csp?: boolean): Promise<RunningServer> {
  try {
    return await serveStatic({ root, port, isolate, csp: csp ? STRICT_CSP : undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new QuarryError('BAD_OPTION', `Port ${port} is already in use. Stop the other server or pass --port N (0 picks a free port).`, { cause: e });
    if (code === 'EACCES') throw new QuarryError('BAD_OPTION', `Not allowed to listen on port ${port}. Use a port above 1023: --port 8080.`, { cause: e });
    throw e;
  }
}
