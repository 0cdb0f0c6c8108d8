/**
 * A throwaway PostgreSQL database for a bench: created on RUNGS_BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), handed to the work, dropped however the work ends.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

const ADMIN_URL = process.env.RUNGS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` with the URL and name of a new database named `<prefix>_<random>` (a copy of `template`, a
 * database nobody is connected to, when given), then drops it. Resolves with the reason when PostgreSQL
 * cannot be reached (the work is then skipped), or undefined once the work is done.
 */
export async function withThrowawayDatabase(
  prefix: string,
  work: (url: string, name: string) => Promise<void>,
  template?: string,
): Promise<string | undefined> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  try {
    await adminQuery(`create database ${name}${template ? ` template ${template}` : ""}`);
  } catch (error) {
    return `PostgreSQL skipped: ${ADMIN_URL} unreachable (${error instanceof Error ? error.message : error})`;
  }
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    await work(url.toString(), name);
  } finally {
    await adminQuery(`drop database if exists ${name} with (force)`);
  }
  return undefined;
}
