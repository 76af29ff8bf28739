import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigFile, resolveConfig } from "./load-config.js";

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "genchi-config-")), "genchi.yaml");
  writeFileSync(path, text);
  return path;
};

describe("config file", () => {
  it("reads settings and lets flags override them", () => {
    const fromFile = loadConfigFile(
      file("port: 5000\nretentionDays: 30\nupstreams:\n  openai: { baseUrl: http://127.0.0.1:9 }\n"),
    );
    const config = resolveConfig(fromFile, { port: 6000 });
    expect(config).toMatchObject({
      port: 6000,
      host: "127.0.0.1",
      retentionDays: 30,
      db: "./.genchi/genchi.db",
    });
    expect(config.upstreams.openai?.baseUrl).toBe("http://127.0.0.1:9");
  });

  it("names the file and line of a YAML syntax error", () => {
    const path = file("port: 5000\nhost: [unclosed\n");
    expect(() => loadConfigFile(path)).toThrow(new RegExp(`${path}:\\d+:\\d+: invalid YAML`));
  });

  it("names the file, line and field of a wrong value, and rejects unknown settings", () => {
    const path = file("host: 127.0.0.1\nport: lots\n");
    expect(() => loadConfigFile(path)).toThrow(`${path}:2: port:`);
    expect(() => loadConfigFile(file("prot: 1\n"))).toThrow(/Unrecognized key.*prot/);
  });
});
