/**
 * Test-run setup: checks that the local PostgreSQL answers and names this run's throwaway
 * databases (each test file creates its own with `createTestDatabase`); drops them all at the end.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

export const adminUrl = process.env.GENCHI_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let prefix = "";

export async function setup(project: TestProject): Promise<void> {
  prefix = `genchi_t${Date.now().toString(36)}_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${adminUrl} (${(error as Error).message}). Start it (bash .ci/run does) or set GENCHI_TEST_PG_ADMIN_URL.`,
    );
  }
  await client.end();
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgPrefix", prefix);
}

export async function teardown(): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1",
    [`${prefix}%`],
  );
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgPrefix: string;
  }
}
