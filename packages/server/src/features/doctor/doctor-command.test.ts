/**
 * `genchi doctor` against real setups: a fresh SQLite file, a broken config, an upstream whose
 * key variable is unset or set (whose value must never be printed), and a port in use.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@genchi/testkit";
import { afterAll, describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "../../../bin/genchi.js");
const dir = mkdtempSync(join(tmpdir(), "genchi-doctor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doctor = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(process.execPath, [bin, "doctor", ...args], { cwd: dir, env: { ...process.env, ...env } });

describe("genchi doctor", { timeout: 120_000 }, () => {
  it("passes on a fresh database and a free port, and creates the schema", async () => {
    const r = await doctor(["--db", join(dir, "fresh.db"), "--port", "0"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/✓ config\s+defaults \(no --config\)/);
    expect(r.stdout).toMatch(
      /✓ database\s+sqlite .*fresh\.db: schema up to date, 0 project\(s\), 0 call\(s\)/,
    );
    expect(r.stdout).toMatch(/✓ port\s+127\.0\.0\.1:0 is free/);
    expect(r.stdout).toContain("ready: genchi serve can start");
    expect(r.code).toBe(0);
  });

  it("fails on a config file with an unknown key, naming the file's problem", async () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(config, "port: 4242\nportt: 1\n");
    const r = await doctor(["--config", config, "--db", join(dir, "a.db")]);
    expect(r.stdout).toMatch(/✗ config\s+.*portt/);
    expect(r.stdout).toContain("1 check(s) failed");
    expect(r.code).toBe(1);
  });

  it("names an unset upstream key variable, and never prints a set one's value", async () => {
    const config = join(dir, "upstreams.yaml");
    writeFileSync(
      config,
      [
        "upstreams:",
        "  openai: { baseUrl: 'https://api.openai.com/v1', apiKeyEnv: DOCTOR_TEST_OPENAI_KEY }",
        "  anthropic: { baseUrl: 'https://api.anthropic.com', apiKeyEnv: DOCTOR_TEST_ANTHROPIC_KEY }",
        "",
      ].join("\n"),
    );
    const secret = "sk-doctor-secret-value-0123456789";
    const r = await doctor(["--config", config, "--db", join(dir, "b.db"), "--port", "0"], {
      DOCTOR_TEST_OPENAI_KEY: secret,
      DOCTOR_TEST_ANTHROPIC_KEY: "",
    });
    expect(r.stdout).toMatch(
      /✓ upstream openai\s+https:\/\/api\.openai\.com\/v1; key from \$DOCTOR_TEST_OPENAI_KEY/,
    );
    expect(r.stdout).toMatch(/✗ upstream anthropic\s+.*\$DOCTOR_TEST_ANTHROPIC_KEY is not set/);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.code).toBe(1);
  });

  it("warns (exit 0) when the port is taken", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await doctor(["--db", join(dir, "c.db"), "--port", String(port)]);
      expect(r.stdout).toMatch(new RegExp(`! port\\s+127\\.0\\.0\\.1:${port} is in use`));
      expect(r.stdout).toContain("ready, with 1 warning(s)");
      expect(r.code).toBe(0);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("exits 2 on bad usage before doing any work", async () => {
    const r = await doctor(["--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("99999");
    expect(r.stdout).toBe("");
  });
});
