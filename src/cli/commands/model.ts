import { QuarryError } from '../../core/errors.ts';

export async function runModel(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const commands = await import('../../model/commands.ts');
  if (sub === 'prepare') return commands.runModelPrepare(rest);
  if (sub === 'verify') return commands.runModelVerify(rest);
  throw new QuarryError('BAD_OPTION', `unknown subcommand "model ${sub ?? ''}". Use \`quarry model prepare\` or \`quarry model verify\`.`);
}
