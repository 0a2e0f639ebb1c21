/**
 * The `quarry` command. Each subcommand validates its flags here, at the
 * edge, and maps QuarryError codes to exit codes.
 */
import { exitCodeFor, isQuarryError } from '../core/errors.ts';
import { HELP, helpFor } from './help.ts';
import { COMMANDS, findCommand } from './command-list.ts';

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
  const load = findCommand(name)?.load;
  if (!load) {
    process.stderr.write(`quarry: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See \`quarry --help\`.\n`);
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
