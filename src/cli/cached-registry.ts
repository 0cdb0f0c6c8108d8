/**
 * `rungs serve`'s frameworks through the disk cache of load/registry-cache.ts, in the thread that loads them
 * (registry-worker.ts): a start whose frameworks, occupation lists, git answers and build are the same as a
 * start before answers with that start's linted frameworks, with nothing parsed or linted.
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeGit } from "../load/framework-version.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "../load/limits.js";
import { loadOccupations, schemeDirs } from "../load/occupations.js";
import type { RegistrySnapshot } from "../load/registry.js";
import { recording, registryCache } from "../load/registry-cache.js";
import { type CliIo, EXAMPLES, VERSION } from "./context.js";

/** Where the cache is: RUNGS_CACHE_DIR ("off": nowhere), else $XDG_CACHE_HOME/rungs, else the temp folder. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env.RUNGS_CACHE_DIR?.trim();
  if (chosen === "off") return undefined;
  if (chosen) return resolve(chosen);
  if (env.XDG_CACHE_HOME?.trim()) return join(env.XDG_CACHE_HOME.trim(), "rungs");
  return join(tmpdir(), `rungs-cache-${process.getuid?.() ?? "user"}`);
}

/**
 * The build that made the frameworks' snapshot: the package's version and a hash of this code's file and of
 * the YAML parser's bundle beside it. In dist/cli this file is the thread's entry, which imports its chunks by
 * names that carry a hash of their content (and so of the chunks they import): a change to the loader, the
 * linter or the registry changes it. Run from the sources (tsx) there is no such file, and no cache.
 */
function buildIdentity(): string | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const hash = process.getBuiltinModule("node:crypto").createHash("sha256");
  for (const name of [
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL("./yaml.cjs", import.meta.url)),
  ]) {
    try {
      hash.update(readFileSync(name));
    } catch {
      hash.update(`no ${name}`);
    }
  }
  return `${VERSION} ${hash.digest("hex")}`;
}

/** What the thread answers: the frameworks as read (only on a miss), then linted. */
type Answer = (message: { read: RegistrySnapshot } | { linted: RegistrySnapshot }) => void;

/**
 * The frameworks `served` answers with, from the cache when their inputs are unchanged, else loaded (the
 * occupation lists too, read through the same recording file system: they are inputs of the lint).
 */
export function cachedRegistry(io: Pick<CliIo, "env" | "cwd" | "stdout" | "stderr">) {
  const dirs = schemeDirs(io.env, io.cwd);
  const dir = cacheDir(io.env);
  const build = buildIdentity();
  const cache = dir && build ? registryCache(dir) : undefined;
  return {
    async served(paths: string[], answer: Answer): Promise<void> {
      const absolute = (paths.length ? paths : EXAMPLES).map((p) => resolve(io.cwd, p));
      const key = JSON.stringify({
        build,
        limits: DEFAULT_LOAD_LIMITS,
        cwd: io.cwd,
        absolute,
        dirs,
      });
      const kept = await cache?.get(key, nodeFileSystem, nodeGit);
      if (kept) return answer({ linted: kept });
      // the loader's code only now: a start answered from the cache never evaluates it (~20 ms of the thread)
      const { openRegistry } = await import("./registry-load.js");
      const inputs = recording(nodeFileSystem, nodeGit);
      const occupations = await loadOccupations(inputs.fs, { schemeDirs: dirs });
      const registry = await openRegistry(paths, io, occupations, (read) => answer({ read }), inputs);
      const snapshot = registry.snapshot();
      // kept before the answer: the server answers from the frameworks as read meanwhile, and a server that
      // stops once they are linted has not left a cache file half written
      await cache?.put(key, inputs.journal, snapshot);
      answer({ linted: snapshot });
    },
  };
}
