/**
 * promptfoo-compatible `{{ var }}` templating (nunjucks), each template compiled once and
 * reused for every render. A template made only of text and plain `{{ name }}` tags naming
 * vars is rendered without nunjucks, with nunjucks' output (null and undefined print as
 * nothing, other values as `"" + value`): loading nunjucks is a fifth of a small suite's
 * start-up. Anything else (filters, tags, comments, members) goes through nunjucks.
 */
import { createRequire } from "node:module";
import type nunjucksTypes from "nunjucks";

const require = createRequire(import.meta.url);
let nunjucks: typeof nunjucksTypes | undefined;
let env: nunjucksTypes.Environment | undefined;
const compiled = new Map<string, nunjucksTypes.Template>();

/** A template split into text and var names: [text, name, text, name, …, text]. */
type Plain = string[];
/** Plain templates by source; null when the template needs nunjucks. */
const plain = new Map<string, Plain | null>();

// nunjucks' whitespace; a symbol that nunjucks does not read as a literal
const simpleTag = /\{\{[ \n\t\r\u00A0]*([A-Za-z_$][\w$]*)[ \n\t\r\u00A0]*\}\}/y;
const literals = new Set(["true", "false", "none", "null", "__proto__"]);

/** Splits a template of text and `{{ name }}` tags, or null when it holds anything else. */
function splitPlain(source: string): Plain | null {
  const parts: Plain = [];
  let from = 0;
  for (;;) {
    const open = source.indexOf("{", from);
    let at = open;
    // the next `{{`, `{%` or `{#` (a lone `{` is text)
    while (at !== -1 && !"{%#".includes(source[at + 1] ?? "x")) at = source.indexOf("{", at + 1);
    if (at === -1) {
      parts.push(source.slice(from));
      return parts;
    }
    if (source[at + 1] !== "{") return null;
    simpleTag.lastIndex = at;
    const m = simpleTag.exec(source);
    if (!m || literals.has(m[1]!)) return null;
    parts.push(source.slice(from, at), m[1]!);
    from = simpleTag.lastIndex;
  }
}

/**
 * Renders a template with vars; the compiled template is cached by its source.
 *
 * @example renderTemplate("Hi {{ name }}", { name: "Ada" }) // → "Hi Ada"
 */
export function renderTemplate(source: string, vars: Readonly<Record<string, unknown>>): string {
  if (!source.includes("{{") && !source.includes("{%")) return source;
  let parts = plain.get(source);
  if (parts === undefined) {
    parts = splitPlain(source);
    plain.set(source, parts);
  }
  if (parts !== null) {
    let out = parts[0]!;
    let ok = true;
    for (let i = 1; i < parts.length && ok; i += 2) {
      const name = parts[i]!;
      if (!Object.hasOwn(vars, name)) ok = false;
      else {
        const value = vars[name];
        out += value ?? "";
        out += parts[i + 1]!;
      }
    }
    if (ok) return out;
  }
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
