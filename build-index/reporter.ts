/**
 * What the build reports while it runs. The pipeline declares this port; the
 * CLI's terminal reporter (src/cli/progress.ts), the tests and the bench
 * implement it, so the pipeline never prints by itself.
 */
export interface Reporter {
  phase(name: string, total: number): void;
  tick(done: number): void;
  info(message: string): void;
  warn(file: string, reason: string): void;
  end(): void;
}
