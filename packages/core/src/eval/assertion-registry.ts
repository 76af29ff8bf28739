/** Assertions registered by name: the extension point of the eval engine. */
import type { AssertionFn } from "./assertion.js";
import { jsonAssertions, type SchemaCheck } from "./json-assertions.js";
import { metricAssertions } from "./metric-assertions.js";
import { textAssertions } from "./text-assertions.js";

export class AssertionRegistry {
  private readonly byName = new Map<string, AssertionFn>();

  /** @example registry.register("is-polite", (output) => verdict(!/idiot/i.test(output), "rude")) */
  register(name: string, fn: AssertionFn): this {
    this.byName.set(name, fn);
    return this;
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
  for (const [name, fn] of Object.entries(all)) registry.register(name, fn);
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
