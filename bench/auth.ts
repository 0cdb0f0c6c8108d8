/**
 * bench/auth: sign-ins per second and signed-in page requests per second against the same page requested
 * anonymously, on one app over a SQLite store, in the same run; and what a session lookup costs per request.
 * Passwords are hashed with argon2id at the app's settings (PASSWORD_HASHING in src/web/auth/passwords.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/store/db.js";
import { migrate } from "../src/store/migrations.js";
import { createStore } from "../src/store/store.js";
import { createApp } from "../src/web/app.js";
import { PASSWORD_HASHING } from "../src/web/auth/passwords.js";
import { exampleApp } from "../test/support/app.js";
import { addPerson, PASSWORD, signedIn, TestBrowser } from "../test/support/auth.js";
import { Bench, benchArgs, median } from "./measure.js";

benchArgs(
  "auth",
  `tsx bench/auth.ts [--no-fail]

  --no-fail   report a missed target without exiting 1
BENCH_REQUESTS sets the page requests of a round (default 400), BENCH_SIGN_INS the sign-ins (default 40).`,
  { "no-fail": { type: "boolean", default: false } },
);

const PAGE = "/frameworks/engineering/levels/senior/";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 40);

const bench = new Bench("auth", `${PAGE}, SQLite store, in-process requests, median of 3 rounds`);
const dir = mkdtempSync(join(tmpdir(), "rungs-bench-auth-"));
const database = await openDatabase({ file: join(dir, "rungs.db") });
await migrate(database);
const store = createStore(database);
const { registry } = await exampleApp();
const unlimited = { limit: 1_000_000_000, windowMs: 60_000 };
const app = createApp({
  registry,
  store,
  auth: { signInPerAccount: unlimited, signInPerAddress: unlimited },
});
await addPerson(store, { name: "Bench Person", email: "bench@example.test", admin: false });

async function timed(
  n: number,
  request: () => Response | Promise<Response | { status: number }>,
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await request();
    if (res.status >= 400) throw new Error(`request answered ${res.status}`);
  }
  return performance.now() - started;
}

const browser = await signedIn(app, "bench@example.test");
const cookie = browser.cookieHeader();
const anonymous = () => app.request(PAGE);
const signedInPage = () => app.request(PAGE, { headers: { Cookie: cookie } });
const signIn = async () => {
  const b = new TestBrowser(app);
  return b.signIn("bench@example.test", PASSWORD);
};

await timed(20, anonymous);
await timed(20, signedInPage);
const anonMs: number[] = [];
const authMs: number[] = [];
const signInMs: number[] = [];
for (let round = 0; round < 3; round++) {
  anonMs.push(await timed(REQUESTS, anonymous));
  authMs.push(await timed(REQUESTS, signedInPage));
  signInMs.push(await timed(SIGN_INS, signIn));
}
await database.close();
rmSync(dir, { recursive: true, force: true });

const rps = (ms: number, n: number) => (n / ms) * 1000;
const anon = rps(median(anonMs), REQUESTS);
const anonymousFloor = { name: "the page anonymously", value: anon };
bench.note(
  `argon2id: ${PASSWORD_HASHING.memoryCost} KiB, ${PASSWORD_HASHING.timeCost} passes, parallelism ${PASSWORD_HASHING.parallelism}`,
);
bench.row({ what: "anonymous page", value: anon, unit: "req/s" });
bench.row({
  what: "signed-in page",
  value: rps(median(authMs), REQUESTS),
  unit: "req/s",
  floor: anonymousFloor,
});
bench.row({
  what: "sign-in (GET + POST)",
  value: rps(median(signInMs), SIGN_INS),
  unit: "req/s",
  floor: anonymousFloor,
});
bench.row({
  what: "signed-in cost per request (session, CSRF token, header)",
  value: (median(authMs) - median(anonMs)) / REQUESTS,
  unit: "ms",
});
bench.finish();
