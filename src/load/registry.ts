/**
 * The frameworks a server or a static build works on: loaded once, each with a content version (a hash of
 * its files), reloaded when their files change (`watch`). A framework with errors stays listed, with its
 * diagnostics, so the app can show them instead of failing.
 */
import { createHash } from "node:crypto";
import { type FSWatcher, watch as watchFiles } from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";
import type { Diagnostic } from "../core/diagnostics.js";
import { type FrameworkIndex, indexFramework } from "../core/model.js";
import type { Occupation, OccupationCatalog } from "../core/occupations.js";
import type { FrameworkVersion } from "../core/version.js";
import { expandFrameworkPaths } from "./framework-folders.js";
import type { GitPort } from "./framework-version.js";
import { type FileSystemPort, newestChange } from "./fs-port.js";
import type { GitTarget } from "./git-state.js";
import type { LoadResult } from "./load-framework.js";
import type { ParseCache } from "./parse-cache.js";
import type { SourceFile } from "./yaml-source.js";

export interface LoadedFramework {
  /** The framework's id, or its path's base name when it could not be read. */
  id: string;
  path: string;
  /** Changes whenever any of the framework's files change: the key of every cache of its pages. */
  version: string;
  /** True when the framework has no errors; pages are served only then. */
  ok: boolean;
  /** False while it is read but not yet linted: its diagnostics are the loader's only (`load`'s `read`). */
  linted?: false;
  diagnostics: Diagnostic[];
  /** Its files: the watcher follows their paths, and the static build sizes its threads by their text. */
  files: Pick<SourceFile, "file" | "text">[];
  /** Present when the framework could be read (even with errors). */
  index?: FrameworkIndex;
  /** The framework's version identity (content hash, `version:`, git commit), when it could be read. */
  identity?: FrameworkVersion;
  /** When its newest file last changed (ISO 8601), where the file system says. */
  modified?: string;
}

export interface RegistryOptions {
  fs: FileSystemPort;
  occupations: OccupationCatalog;
  /** Shown instead of absolute paths in diagnostics. */
  cwd?: string;
  /** Where to ask for each framework's last commit (the version shown in footers and the API). */
  git?: GitPort;
}

/**
 * A registry's frameworks and occupation catalog as plain data, for a worker's message: what a registry
 * loaded in another thread hands to the one that serves (`FrameworkRegistry.adopt`).
 */
export interface RegistrySnapshot {
  entries: LoadedFramework[];
  /** The last good id of each path, as the loading registry keeps them. */
  knownIds: [string, string][];
  /** The catalog's codes, and its own properties (`schemes`), which a message would drop from a Map. */
  occupations: { codes: [string, Occupation][]; properties: Record<string, unknown> };
}

export class FrameworkRegistry {
  private entries: LoadedFramework[] = [];
  /** The entries' versions joined, taken when they load: read on every request by the page caches. */
  private joinedVersion = "";
  /** The last good id of each path: while a framework is broken it keeps its URLs, showing its diagnostics there. */
  private readonly knownIds = new Map<string, string>();
  /**
   * Each framework's files as last read, by its path: a reload parses only the files whose text changed,
   * and the others keep their values (the same texts, so what is made of them compares at once).
   */
  private readonly parsed = new Map<string, ParseCache>();
  private listeners = new Set<() => void>();
  /** Counts the loads settled: a lint that arrives after a newer load is not taken. */
  private generation = 0;
  /** Settles when frameworks adopted unlinted have their lint findings (`adopt`); at once otherwise. */
  lint: Promise<void> = Promise.resolve();

  constructor(
    readonly paths: string[],
    private readonly options: RegistryOptions,
  ) {}

  /**
   * Loads (or reloads) every framework. With `read`, that is called first with the frameworks as read and
   * checked against the file format but not yet linted (their `linted` is false): a server answers from them
   * while the linter runs (registry-worker.ts). What the linter finds comes with `load`'s end.
   */
  async load(read?: (entries: LoadedFramework[]) => void): Promise<void> {
    // a folder of frameworks is looked at again at each load: a framework folder added to it is picked up
    const absolute = await expandFrameworkPaths(
      this.paths.map((path) => resolve(path)),
      this.options.fs,
    );
    // a framework folder gone from a folder of frameworks takes the files it read with it
    for (const path of this.parsed.keys()) if (!absolute.includes(path)) this.parsed.delete(path);
    const git = this.options.git
      ? await askedTogether(this.options.git, absolute, this.options.fs)
      : undefined;
    // side by side: one framework's parsing runs while another waits for its files or for git. With `read`,
    // no lint starts before every framework is read and told: the linter would otherwise run, framework by
    // framework, between the reading of the others, and the frameworks as read would come little earlier
    const readAll = read && Promise.withResolvers<void>();
    const early: Promise<LoadedFramework>[] = [];
    const loading = absolute.map((path) => {
      const { before, after } = this.loadOne(path, git, readAll?.promise);
      if (before) early.push(before);
      return after;
    });
    if (read && readAll) {
      try {
        read(this.servedIds(await Promise.all(early)));
      } finally {
        readAll.resolve();
      }
    }
    this.settle(this.servedIds(await Promise.all(loading)));
  }

  /** Two frameworks with one id would share URLs: the second gets a suffix rather than hiding the first. */
  private servedIds(loaded: LoadedFramework[]): LoadedFramework[] {
    const seen = new Set<string>();
    for (const entry of loaded) {
      let id = entry.id;
      for (let n = 2; seen.has(id); n++) id = `${entry.id}-${n}`;
      entry.id = id;
      if (id !== entry.index?.framework.id && entry.index) entry.index.servedAs = id;
      seen.add(id);
    }
    return loaded;
  }

  private settle(loaded: LoadedFramework[]): void {
    this.entries = loaded;
    // not yet linted: a version of its own, so that no page or answer made meanwhile is kept past the lint
    const unlinted = loaded.some((e) => e.linted === false) ? "~unlinted" : "";
    this.joinedVersion = loaded.map((e) => e.version).join(".") + unlinted;
    this.generation++;
    for (const listener of this.listeners) listener();
  }

  /**
   * A registry of the frameworks another thread loaded (its `snapshot`), as if this one had loaded them:
   * `load` and `watch` read them again here. `options.occupations` is taken from the snapshot. When the
   * snapshot's frameworks are not linted yet, `linted` brings them linted (unless they were loaded again
   * here meanwhile), and `lint` settles when they are in.
   */
  static adopt(
    paths: string[],
    options: Omit<RegistryOptions, "occupations">,
    snapshot: RegistrySnapshot,
    linted?: Promise<RegistrySnapshot>,
  ): FrameworkRegistry {
    const { codes, properties } = snapshot.occupations;
    const occupations: OccupationCatalog = Object.assign(new Map(codes), properties);
    const registry = new FrameworkRegistry(paths, { ...options, occupations });
    for (const [path, id] of snapshot.knownIds) registry.knownIds.set(path, id);
    registry.settle(snapshot.entries);
    if (linted) {
      const adopted = registry.generation;
      registry.lint = linted.then((later) => {
        if (registry.generation === adopted) registry.settle(later.entries);
      });
    }
    return registry;
  }

  /** The frameworks (by default the ones loaded) as plain data for another thread (of each file only its path and text). */
  snapshot(entries = this.entries): RegistrySnapshot {
    return {
      entries: entries.map((e) => ({ ...e, files: e.files.map(({ file, text }) => ({ file, text })) })),
      // by path: the frameworks load side by side and note their ids in the order they finish, which varies
      knownIds: [...this.knownIds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      occupations: {
        codes: [...this.options.occupations],
        properties: Object.fromEntries(Object.entries(this.options.occupations)),
      },
    };
  }

  /**
   * The framework at `absolute`: `before` as read (not linted), `after` linted. Both are the same framework
   * (id, version, files, index); only the diagnostics, and so `ok`, differ.
   */
  private loadOne(
    absolute: string,
    git: GitPort | undefined,
    lintAfter?: Promise<void>,
  ): { before?: Promise<LoadedFramework>; after: Promise<LoadedFramework> } {
    // told as read, and linted once `lintAfter` settles; without it, only the linted framework is made
    const asRead = lintAfter && Promise.withResolvers<LoadResult>();
    // imported when first used: a server whose frameworks were loaded in another thread (`adopt`) loads the
    // parser, the schema and the linter only when --watch reloads them
    const checked = import("./load-framework.js").then(async ({ checkFramework, ParseCache }) => {
      let parsed = this.parsed.get(absolute);
      if (!parsed) {
        parsed = new ParseCache(false, undefined, true);
        this.parsed.set(absolute, parsed);
      }
      const result = await checkFramework(absolute, this.options.fs, {
        occupations: this.options.occupations,
        parsed,
        ...(git ? { git } : {}),
        ...(asRead
          ? {
              loaded: (result: LoadResult) => {
                asRead.resolve(result);
                return lintAfter;
              },
            }
          : {}),
      });
      parsed.retain(result.files);
      return result;
    });
    let common: Promise<Omit<LoadedFramework, "ok" | "diagnostics">> | undefined;
    const entry = async (result: LoadResult, linted: boolean): Promise<LoadedFramework> => {
      common ??= this.entryOf(absolute, result);
      const diagnostics = this.shown(result.diagnostics);
      return {
        ...(await common),
        ok: !diagnostics.some((d) => d.severity === "error"),
        ...(linted ? {} : { linted: false as const }),
        diagnostics,
      };
    };
    const after = checked.then((result) => entry(result, true));
    // load() sees a failure through the one it waits for; the other must not be an unhandled rejection
    after.catch(() => {});
    if (!asRead) return { after };
    // a failure before the framework is read fails both
    const before = Promise.race([asRead.promise, checked]).then((result) => entry(result, false));
    before.catch(() => {});
    return { before, after };
  }

  /** Diagnostics as shown: paths under the working directory relative to it. */
  private shown(diagnostics: Diagnostic[]): Diagnostic[] {
    const cwd = this.options.cwd;
    if (!cwd) return diagnostics;
    const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
    return diagnostics.map((d) =>
      d.file.startsWith(prefix) ? { ...d, file: d.file.slice(prefix.length) } : d,
    );
  }

  /** What a framework's entry is apart from its diagnostics. */
  private async entryOf(
    absolute: string,
    result: LoadResult,
  ): Promise<Omit<LoadedFramework, "ok" | "diagnostics">> {
    const hash = createHash("sha256");
    for (const file of result.files) hash.update(file.file).update("\0").update(file.text).update("\0");
    const id =
      result.framework?.id ?? this.knownIds.get(absolute) ?? basename(absolute).replace(/\.ya?ml$/, "");
    this.knownIds.set(absolute, id);
    const modified = await newestChange(
      this.options.fs,
      result.files.map((f) => f.file),
    );
    return {
      id,
      path: absolute,
      version: hash.digest("hex").slice(0, 16),
      files: result.files,
      ...(result.framework ? { index: indexFramework(result.framework) } : {}),
      ...(result.version ? { identity: result.version } : {}),
      ...(modified ? { modified } : {}),
    };
  }

  /** The occupation catalog codes are checked against (SOC 2018), for pages that show occupation titles. */
  get occupations(): OccupationCatalog {
    return this.options.occupations;
  }

  list(): LoadedFramework[] {
    return this.entries;
  }

  get(id: string): LoadedFramework | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** True while frameworks adopted as read wait for their lint findings (`lint` settles then). */
  get linting(): boolean {
    return this.entries.some((e) => e.linted === false);
  }

  /** One version for everything loaded: changes when any framework changes. */
  get version(): string {
    return this.joinedVersion;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reloads when any file under the framework paths changes (debounced), or any file a framework read from
   * outside them (the base an `extends` names): those folders are watched too, and the set follows each
   * reload. Returns a function that stops watching.
   */
  watch(debounceMs = 150): () => void {
    let timer: NodeJS.Timeout | undefined;
    const roots = this.paths.map((path) => resolve(path));
    const watchers = new Map<string, FSWatcher>();
    const open = (path: string, recursive: boolean) => {
      watchers.get(path)?.close();
      watchers.delete(path);
      try {
        watchers.set(path, watchFiles(path, { recursive }, schedule));
      } catch {
        // gone between the load and now: the next load says so, and the next sync tries again
      }
    };
    // Node's recursive watch on Linux follows each file by its inode: once a file is replaced by a rename (an
    // editor's safe save, sed -i, git checkout), its later edits went unseen. Every reload watches the roots
    // anew before it reads them: an edit after that is seen, one before it is read
    const reload = () => {
      for (const root of roots) open(root, true);
      void this.load();
    };
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    }
    for (const root of roots) open(root, true);
    const inRoots = (file: string) => roots.some((r) => file === r || file.startsWith(`${r}${sep}`));
    const syncBases = () => {
      const bases = new Set(
        this.entries
          .flatMap((e) => e.files.map((f) => resolve(f.file)).filter((f) => !inRoots(f)))
          .map(dirname),
      );
      for (const [path, watcher] of watchers) {
        if (!roots.includes(path) && !bases.has(path)) {
          watcher.close();
          watchers.delete(path);
        }
      }
      for (const base of bases) if (!watchers.has(base)) open(base, false);
    };
    syncBases();
    const unlisten = this.onChange(syncBases);
    return () => {
      clearTimeout(timer);
      unlisten();
      for (const w of watchers.values()) w.close();
    };
  }
}

/**
 * `git`, asked about every path now and in one question rather than once each framework's files are parsed:
 * it answers in processes of its own (one walk and one status per repository) while this one reads, parses
 * and lints (a server's first answer waits for both). The answers are kept for the loader's own questions.
 */
async function askedTogether(git: GitPort, paths: string[], fs: FileSystemPort): Promise<GitPort> {
  const targets = await Promise.all(
    paths.map(async (path) => ({ path, isDirectory: (await fs.stat(path))?.isDirectory === true })),
  );
  const early = git.lastCommits(targets);
  // a failure is the loader's to see when it asks, not an unhandled rejection before
  early.catch(() => {});
  const known = (t: GitTarget) =>
    targets.findIndex((k) => k.path === t.path && k.isDirectory === t.isDirectory);
  return {
    async lastCommits(asked) {
      if (asked.some((t) => known(t) < 0)) return git.lastCommits(asked);
      const answers = await early;
      return asked.map((t) => answers[known(t)]);
    },
  };
}
