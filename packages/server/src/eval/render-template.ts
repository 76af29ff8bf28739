/**
 * promptfoo-compatible `{{ var }}` templating (nunjucks), each template compiled once and
 * reused for every render.
 */
import { createRequire } from "node:module";
import type nunjucksTypes from "nunjucks";

const require = createRequire(import.meta.url);
let nunjucks: typeof nunjucksTypes | undefined;
let env: nunjucksTypes.Environment | undefined;
const compiled = new Map<string, nunjucksTypes.Template>();

/**
 * Renders a template with vars; the compiled template is cached by its source.
 *
 * @example renderTemplate("Hi {{ name }}", { name: "Ada" }) // → "Hi Ada"
 */
export function renderTemplate(source: string, vars: Readonly<Record<string, unknown>>): string {
  if (!source.includes("{{") && !source.includes("{%")) return source;
  let template = compiled.get(source);
  if (template === undefined) {
    // loaded on first use: keeps the CLI's start-up short
    nunjucks ??= require("nunjucks") as typeof nunjucksTypes;
    env ??= new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
    template = new nunjucks.Template(source, env, undefined, true);
    compiled.set(source, template);
  }
  return template.render(vars as object);
}
