/** Assertions registered by name: the extension point of the eval engine. */
import type { AssertionFn } from "./assertion.js";
import { jsonAssertions, type SchemaCheck } from "./json-assertions.js";
import { metricAssertions } from "./metric-assertions.js";
import { textAssertions } from "./text-assertions.js";

export interface RegisterOptions {
  /**
   * The assertion calls no provider or network (a pure check, a sandboxed snippet): the runner
   * may then send a test's next request while it grades. Default false.
   */
  local?: boolean;
}

export class AssertionRegistry {
  private readonly byName = new Map<string, AssertionFn>();
  private readonly local = new Set<string>();

  /** @example registry.register("is-polite", (output) => verdict(!/idiot/i.test(output), "rude")) */
  register(name: string, fn: AssertionFn, options: RegisterOptions = {}): this {
    this.byName.set(name, fn);
    if (options.local) this.local.add(name);
    else this.local.delete(name);
    return this;
  }

  /**
   * Whether an assertion type (`not-` included) was registered as local; an unknown type is
   * local too (it grades as an error without any call).
   *
   * @example coreAssertions().isLocal("not-contains") // → true
   */
  isLocal(type: string): boolean {
    const { base } = splitInversion(type);
    const name = this.byName.has(base) ? base : type;
    return !this.byName.has(name) || this.local.has(name);
  }

  get(name: string): AssertionFn | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/**
 * A registry with every pure assertion core ships (text, JSON, latency, cost).
 *
 * @example coreAssertions().get("contains")!("Paris", ctx)
 */
export function coreAssertions(schemaCheck?: SchemaCheck): AssertionRegistry {
  const registry = new AssertionRegistry();
  const all = { ...textAssertions, ...jsonAssertions(schemaCheck), ...metricAssertions };
  for (const [name, fn] of Object.entries(all)) registry.register(name, fn, { local: true });
  return registry;
}

/**
 * The base type of a possibly inverted assertion type.
 *
 * @example splitInversion("not-contains") // → { base: "contains", inverse: true }
 */
export function splitInversion(type: string): { base: string; inverse: boolean } {
  return type.startsWith("not-") ? { base: type.slice(4), inverse: true } : { base: type, inverse: false };
}
