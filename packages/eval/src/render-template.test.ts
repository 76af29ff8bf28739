/**
 * renderTemplate renders exactly what nunjucks (promptfoo's engine) renders, whether a
 * template takes the plain `{{ name }}` path or goes through nunjucks.
 */
import { createRequire } from "node:module";
import type nunjucksTypes from "nunjucks";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./render-template.js";

const nunjucks = createRequire(import.meta.url)("nunjucks") as typeof nunjucksTypes;
const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
const viaNunjucks = (source: string, vars: object) =>
  new nunjucks.Template(source, env, undefined, true).render(vars);

const vars = {
  a: "x",
  b: 3,
  c: null,
  d: [1, 2],
  e: { k: 1 },
  f: true,
  h: "{{ a }}",
  true: "T",
  $x: "dollar",
  _y: 0,
};

describe("renderTemplate", () => {
  it.each([
    "{{a}}",
    "{{ a }} and {{b}}",
    "{{c}}|{{d}}|{{e}}|{{f}}|{{g}}",
    "{ {{a}} }",
    "{{ a | upper }}",
    "{% if f %}yes{% endif %}",
    "{# note #}{{a}}",
    "{{ missing }}",
    "{{ true }}",
    "{{ none }}",
    "{{- a -}} b",
    "{{ a.length }}",
    "x { y } z {{ h }}",
    "{{ $x }}{{_y}}",
    "{{\ta\n}}",
    "}} {{ a }}",
    "{{ constructor }}",
    "{{ range }}",
  ])("renders %j like nunjucks", (source) => {
    expect(renderTemplate(source, vars)).toBe(viaNunjucks(source, vars));
  });

  it("reports a nunjucks syntax error as nunjucks does", () => {
    expect(() => renderTemplate("{{{a}}}", vars)).toThrow();
    expect(() => viaNunjucks("{{{a}}}", vars)).toThrow();
  });
});
