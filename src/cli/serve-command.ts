import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { withoutTrailingSlashes } from "../core/text.js";
import { nodeFileSystem } from "../load/fs-port.js";
import type { FrameworkRegistry } from "../load/registry.js";
import type { Store } from "../store/store.js";
import { authOptionsFromEnv, SETUP_LINK_TTL_MS } from "../web/auth/config.js";
import { paths as urls } from "../web/links.js";
import { DEFAULT_UPLOAD_LIMIT_BYTES, UPLOAD_LIMIT_RANGE_MIB } from "../web/middleware/body-limit.js";
import { holdTickShape } from "../web/settle.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { openRegistryInThread } from "./open-registry.js";
import type { DatabaseCliOptions } from "./options.js";

export interface ServeOptions extends DatabaseCliOptions {
  port: string;
  host: string;
  watch?: boolean;
  /** Believe the proxy's X-Forwarded-* headers (as RUNGS_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** The upload limit in MiB (as RUNGS_UPLOAD_LIMIT_MIB). */
  uploadLimit?: string;
}

/** Expired sessions, used tokens and old rate-limit windows are deleted this often, by one process at a time. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Serves the frameworks until interrupted, with people and sign-in on the database (`DATABASE_URL`, else
 * ./rungs-data/rungs.db), migrated on start. While there is no admin it prints a one-time setup link.
 * Resolves with the exit status when the server stops.
 */
export async function serveCommand(paths: string[], options: ServeOptions, io: CliIo): Promise<number> {
  // before anything else the command does: its start collects garbage too
  holdTickShape();
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const auth = authOptionsFromEnv(io.env);
  if (auth.problems.length) throw new UsageError(auth.problems.join("; "));
  if (options.trustProxy) auth.options.trustProxy = true;
  const uploadLimitBytes = uploadLimit(options.uploadLimit, io.env);
  // before the database is opened (and, the first time, created): a mistyped path leaves nothing behind
  await mustExist(paths);
  const { registry, database, store, target, web } = await openBoth(paths, options, io);
  const app = web.createApp({ registry, store, auth: auth.options, uploadLimitBytes });
  const stopWatching = options.watch ? registry.watch() : undefined;
  // from when the lint is in: its arrival is not a reload (a failure is reported where the start waits for it)
  if (options.watch)
    registry.lint.then(
      () => registry.onChange(() => print(io.stdout, `reloaded: ${describe(registry)}\n`)),
      () => {},
    );
  const stopPruning = pruneRegularly(store);

  return new Promise((resolveExit) => {
    const finish = (status: number) => {
      stopWatching?.();
      stopPruning();
      database.close().then(
        () => resolveExit(status),
        () => resolveExit(status),
      );
    };
    const listen = { port, hostname: options.host, settleAfterMs: SETTLE_AFTER_MS };
    const server = web.startServer(app, listen, async (info) => {
      boundOldGeneration();
      // the frameworks are served as soon as they are read; what is said of them waits for their lint
      await registry.lint;
      const origin =
        (auth.options.publicUrl && withoutTrailingSlashes(auth.options.publicUrl)) ??
        `http://${browsable(options.host)}:${info.port}`;
      print(io.stdout, `rungs: serving ${describe(registry)}\n`);
      io.stdout.write(`rungs: people and sign-in on ${target.label}\n`);
      if (auth.options.oidc) io.stdout.write(`rungs: single sign-on with ${auth.options.oidc.issuer}\n`);
      io.stdout.write(`rungs: open ${origin}/\n`);
      printSetupLink(store, origin, io).catch((error: unknown) => {
        io.stderr.write(
          `rungs: could not check for an admin: ${error instanceof Error ? error.message : error}\n`,
        );
      });
    });
    server.on("error", (error: NodeJS.ErrnoException) => {
      io.stderr.write(
        `rungs: cannot listen on ${options.host}:${port}: ${error.code === "EADDRINUSE" ? "the port is in use (try --port)" : error.message}\n`,
      );
      finish(EXIT.usage);
    });
    const stop = () => server.close(() => finish(EXIT.ok));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/**
 * The frameworks, the database and the web app's code, side by side: the frameworks are read, checked and
 * git is asked in a thread of their own (open-registry.ts) while this one migrates the database and loads
 * the app's modules (the first answer waits for all three). When one fails the database is closed, and the
 * first failure is reported.
 */
async function openBoth(paths: string[], options: ServeOptions, io: CliIo) {
  const [registry, opened, web] = await Promise.allSettled([
    openRegistryInThread(paths, io),
    import("./database.js").then(({ openCliDatabase }) => openCliDatabase(options, io, { create: true })),
    Promise.all([import("../web/app.js"), import("../web/server.js")]).then(([app, server]) => ({
      createApp: app.createApp,
      startServer: server.startServer,
    })),
  ]);
  if (registry.status === "fulfilled" && opened.status === "fulfilled" && web.status === "fulfilled")
    return { registry: registry.value, ...opened.value, web: web.value };
  if (opened.status === "fulfilled") await opened.value.database.close().catch(() => {});
  const failed = [registry, opened, web].find((r) => r.status === "rejected") as PromiseRejectedResult;
  throw failed.reason;
}

/** How long after the last page the app rendered its server settles memory (web/settle.ts). */
const SETTLE_AFTER_MS = 1_000;

/**
 * V8's old generation held close to what it keeps, once the server is up (set before, it made the start
 * slower): it grows by a tenth (not V8's default of up to four times) before a full collection, and buffers'
 * memory outside V8's heap counts toward that limit. Rendering every page of the bundled examples then leaves
 * 159 MB resident instead of 178 MB, and 135 MB once the server has settled it (web/settle.ts; 147 MB without
 * these flags). Neither touches the young generation or the compiler, where kept answers spend their time:
 * --optimize-for-size, which this replaces, held the server at 139 MB but made each kept answer of the
 * example's matrix cost 58 µs of CPU against 42-43 µs without it (the node:http floor: 41).
 */
function boundOldGeneration(): void {
  process
    .getBuiltinModule("node:v8")
    .setFlagsFromString("--heap-growing-percent=10 --external-memory-accounted-in-global-limit");
}

/** Refuses a path that is not there, as loading it would (the frameworks load beside the database). */
async function mustExist(paths: string[]): Promise<void> {
  for (const path of paths.map((p) => resolve(p)))
    if (!(await nodeFileSystem.stat(path)))
      throw new UsageError(`cannot read ${path}: no such file or directory`);
}

/** The upload limit in bytes: `--upload-limit`, else RUNGS_UPLOAD_LIMIT_MIB, else the default (10 MiB). */
function uploadLimit(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  const [name, raw] =
    flag !== undefined ? ["--upload-limit", flag] : ["RUNGS_UPLOAD_LIMIT_MIB", env.RUNGS_UPLOAD_LIMIT_MIB];
  if (raw === undefined || raw.trim() === "") return DEFAULT_UPLOAD_LIMIT_BYTES;
  const mib = Number(raw.trim());
  const { min, max } = UPLOAD_LIMIT_RANGE_MIB;
  if (!Number.isFinite(mib) || mib < min || mib > max)
    throw new UsageError(`${name} must be a number of MiB from ${min} to ${max}, not "${raw}"`);
  return Math.round(mib * 1024 * 1024);
}

/**
 * First run: with no admin, a one-time link to create one (valid 30 minutes; only its hash is stored, so
 * every app process honours it). Each start prints a fresh link while no admin exists.
 */
async function printSetupLink(store: Store, origin: string, io: CliIo): Promise<void> {
  if ((await store.people.countAdmins()) > 0) return;
  const token = await store.tokens.issue("setup", { ttlMs: SETUP_LINK_TTL_MS });
  io.stdout.write(
    `rungs: no admin yet. Create the admin account within ${SETUP_LINK_TTL_MS / 60_000} minutes at:\n` +
      `  ${origin}${urls.setup(token)}\n` +
      "rungs: (the link works once; restart to get a new one, or use `rungs user add --admin`)\n",
  );
}

/** Deletes what can no longer be used, hourly; the lock makes one process of several do it. */
function pruneRegularly(store: Store): () => void {
  const owner = randomUUID();
  const prune = async () => {
    if (!(await store.locks.tryAcquire("prune", owner, PRUNE_EVERY_MS / 2))) return;
    await store.sessions.prune();
    await store.tokens.prune();
    await store.rateLimits.prune();
  };
  const timer = setInterval(() => {
    prune().catch(() => {
      // pruning is housekeeping: a failure (database briefly away) is retried at the next tick
    });
  }, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** An address a browser on this machine can open: the wildcard addresses are not. */
function browsable(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function describe(registry: FrameworkRegistry): string {
  return registry
    .list()
    .map((fw) =>
      fw.ok ? fw.id : `${fw.id} (${fw.diagnostics.filter((d) => d.severity === "error").length} errors)`,
    )
    .join(", ");
}
