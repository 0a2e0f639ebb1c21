/**
 * Build progress: a redrawn bar with rate and ETA on a TTY, plain periodic
 * lines in logs/CI, nothing but the final JSON with --json.
 */

import type { Reporter } from '../../build-index/reporter.ts';

export type { Reporter };

const LINE_EVERY_MS = 5_000;

export function createReporter(options: { json: boolean; stream?: NodeJS.WriteStream }): Reporter {
  const out = options.stream ?? process.stderr;
  const tty = Boolean(out.isTTY) && !options.json;
  let name = '';
  let total = 0;
  let started = 0;
  let lastLine = 0;
  let drawn = false;

  const clear = () => {
    if (drawn) out.write('\r\x1b[2K');
    drawn = false;
  };
  const describe = (done: number) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    return { rate, eta, pct: total ? Math.floor((done / total) * 100) : 100 };
  };

  return {
    phase(next, n) {
      clear();
      name = next;
      total = n;
      started = Date.now();
      lastLine = started;
    },
    tick(done) {
      if (options.json) return;
      const { rate, eta, pct } = describe(done);
      if (tty) {
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        out.write(`\r\x1b[2K${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ETA ${eta}s`);
        drawn = true;
      } else if (Date.now() - lastLine >= LINE_EVERY_MS || done === total) {
        lastLine = Date.now();
        out.write(`${name}: ${done}/${total} (${pct}%), ${rate.toFixed(1)}/s, ETA ${eta}s\n`);
      }
    },
    info(message) {
      if (options.json) return;
      clear();
      out.write(`${message}\n`);
    },
    warn(file, reason) {
      if (options.json) return;
      clear();
      out.write(`warning: ${file}: ${reason}\n`);
    },
    end() {
      clear();
    },
  };
}
