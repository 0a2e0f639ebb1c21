/**
 * The `quarry` command. Each subcommand validates its flags here, at the
 * edge, and maps QuarryError codes to exit codes.
 */
import { exitCodeFor, isQuarryError, QuarryError } from '../core/errors.ts';
import { HELP, helpFor } from './help.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.ts')).runBuild,
  search: async () => (await import('./commands/search.ts')).runSearch,
  query: async () => (await import('./commands/query.ts')).runQuery,
  eval: async () => (await import('./commands/eval.ts')).runEval,
  tune: async () => (await import('./commands/tune.ts')).runTune,
  check: async () => (await import('./commands/check.ts')).runCheck,
  serve: async () => (await import('./commands/serve.ts')).runServe,
  model: async () => runModel,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    const { packageVersion } = await import('../node/package-info.ts');
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`quarry: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See \`quarry --help\`.\n`);
    return 1;
  }
  // Everything after `--` is positional, so `quarry search --index X -- -h` searches for "-h".
  const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (flags.includes('--help') || flags.includes('-h')) {
    process.stdout.write(helpFor(name));
    return 0;
  }
  exitQuietlyOnBrokenPipe();
  try {
    return await (await load())(rest);
  } catch (e) {
    if (isQuarryError(e)) {
      process.stderr.write(`quarry ${name}: ${e.message}\n`);
      return exitCodeFor(e.code);
    }
    throw e;
  }
}

let pipeGuarded = false;

/**
 * `quarry search … | head`: once the reader of stdout is gone, stop as `cat`
 * does, without an EPIPE stack trace. Other stdout errors stay fatal.
 */
function exitQuietlyOnBrokenPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

async function runModel(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const commands = await import('../model/commands.ts');
  if (sub === 'prepare') return commands.runModelPrepare(rest);
  if (sub === 'verify') return commands.runModelVerify(rest);
  throw new QuarryError('BAD_OPTION', `unknown subcommand "model ${sub ?? ''}". Use \`quarry model prepare\` or \`quarry model verify\`.`);
}
