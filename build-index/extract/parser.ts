/**
 * The one way extraction creates an htmlparser2 Parser.
 *
 * htmlparser2 (12.0.0) keeps its stack of open elements innermost-first and
 * maintains it with `unshift`/`shift`, which move the whole array: every tag
 * costs O(depth) and a page nested 200,000 levels deep took 40 s to extract
 * (upstream fix proposed in fb55/htmlparser2#2481, not released). The parser
 * only uses a handful of array operations on that stack, so we give it an
 * object with the same innermost-first view, stored outermost-first and
 * maintained with push/pop, with a count per tag name so a lookup for a tag
 * that is not open (a stray end tag) costs O(1) too.
 *
 * If a future htmlparser2 stops using the field, the swap does nothing and
 * parsing stays correct (only slow on absurd nesting);
 * test/unit/build-index/extract/parser.test.ts compares both event streams.
 */
import { Parser, type Handler, type ParserOptions } from 'htmlparser2';

/** Innermost-first view over an outermost-first array, as htmlparser2 indexes its stack. */
class OpenElements {
  private readonly items: string[] = [];
  private readonly counts = new Map<string, number>();

  get length(): number {
    return this.items.length;
  }

  set length(n: number) {
    // `stack.length = 0` on reset; truncation keeps the outermost n.
    while (this.items.length > n) this.shift();
  }

  /** Element `i` counted from the innermost one. */
  at(i: number): string | undefined {
    return this.items[this.items.length - 1 - i];
  }

  unshift(name: string): number {
    this.items.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    return this.items.length;
  }

  shift(): string | undefined {
    const name = this.items.pop();
    if (name !== undefined) {
      const n = this.counts.get(name)! - 1;
      if (n === 0) this.counts.delete(name);
      else this.counts.set(name, n);
    }
    return name;
  }

  includes(name: string): boolean {
    return this.counts.has(name);
  }

  /** Distance of the innermost `name` from the top, -1 when none is open. */
  indexOf(name: string): number {
    if (!this.counts.has(name)) return -1;
    return this.items.length - 1 - this.items.lastIndexOf(name);
  }
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/** Array-like proxy: `stack[i]` reads go to `at(i)`, everything else to the methods above. */
function linearStack(): unknown {
  const open = new OpenElements();
  return new Proxy(open, {
    get(target, prop) {
      if (typeof prop === 'string' && INDEX.test(prop)) return target.at(Number(prop));
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
}

export function createParser(handler: Partial<Handler>, options: ParserOptions): Parser {
  const parser = new Parser(handler, options);
  const internal = parser as unknown as { stack?: unknown };
  if (Array.isArray(internal.stack) && internal.stack.length === 0) internal.stack = linearStack();
  return parser;
}
