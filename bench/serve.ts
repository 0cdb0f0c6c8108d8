/**
 * bench/serve: requests per second for the competency-matrix page of the example framework, against the
 * same server returning a precomputed string of the same size (same run, loopback, 64 connections).
 * Target: ratio >= 0.8. Also prints p99 latency of both.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { exampleApp } from "../test/support/app.js";

const TARGET = 0.8;
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const PAGE = "/frameworks/engineering/matrix/";

const { app } = await exampleApp();
const page = await app.request(PAGE);
if (page.status !== 200) throw new Error(`${PAGE} answered ${page.status}`);
const precomputed = await page.text();
const baselineHeaders = { "Content-Type": "text/html; charset=utf-8" };
// One server: /__baseline answers the precomputed string directly, every other path goes through the app.
const fetch = (req: Request) =>
  new URL(req.url).pathname === "/__baseline"
    ? new Response(precomputed, { headers: baselineHeaders })
    : app.fetch(req);

const server = await new Promise<{ url: string; close: () => void }>((resolve) => {
  const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
    resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
  );
});

async function load(path: string) {
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

await load(PAGE); // warm-up: the page is rendered and cached on first request, like any served page
const results: { page: { rps: number; p99: number }; baseline: { rps: number; p99: number } }[] = [];
for (let round = 0; round < 2; round++) {
  const baseline = await load("/__baseline");
  const matrix = await load(PAGE);
  results.push({ page: matrix, baseline });
}
server.close();

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pageRps = avg(results.map((r) => r.page.rps));
const baseRps = avg(results.map((r) => r.baseline.rps));
const ratio = pageRps / baseRps;
console.log(
  `bench/serve: ${PAGE} (${precomputed.length} bytes), ${CONNECTIONS} connections, ${SECONDS} s × 2 rounds each`,
);
console.log(
  `  precomputed string   ${baseRps.toFixed(0).padStart(8)} req/s   p99 ${avg(results.map((r) => r.baseline.p99)).toFixed(1)} ms`,
);
console.log(
  `  competency matrix    ${pageRps.toFixed(0).padStart(8)} req/s   p99 ${avg(results.map((r) => r.page.p99)).toFixed(1)} ms`,
);
console.log(
  `  ratio ${ratio.toFixed(2)}   target >= ${TARGET}   ${ratio >= TARGET ? "meets target" : "MISSES target"}`,
);
