import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeFileSystem } from "./fs-port.js";
import { checkFramework } from "./load-framework.js";
import { loadOccupations } from "./occupations.js";
import { FrameworkRegistry } from "./registry.js";
import type { SourceFile } from "./yaml-source.js";

const root = new URL("../../", import.meta.url).pathname;
const product = readFileSync(join(root, "examples/product-matrix/framework.yaml"), "utf8");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folderWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rungs-registry-"));
  dirs.push(dir);
  writeFileSync(join(dir, "framework.yaml"), text);
  return dir;
}

async function registryOf(paths: string[]): Promise<FrameworkRegistry> {
  const registry = new FrameworkRegistry(paths, {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  return registry;
}

describe("framework registry (loading, no web)", () => {
  it("a broken framework stays listed under its folder's name, with its diagnostics and no pages", async () => {
    const registry = await registryOf([folderWith(product.replace("name: Larkspur", "name: [Larkspur"))]);
    const [entry] = registry.list();
    expect(entry?.ok).toBe(false);
    expect(entry?.id).toMatch(/^rungs-registry-/);
    expect(entry?.diagnostics.some((d) => d.code === "yaml-syntax")).toBe(true);
  });

  it("two frameworks with one id both stay reachable: the second gets a suffix", async () => {
    const registry = await registryOf([folderWith(product), folderWith(product)]);
    const ids = registry.list().map((e) => e.id);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(`${ids[0]}-2`);
  });

  it("watch: an edit reloads, tells the listeners and changes the version every cache is keyed by", async () => {
    const dir = folderWith(product);
    const registry = await registryOf([dir]);
    const before = registry.version;
    const stop = registry.watch(20);
    try {
      const changed = new Promise<void>((resolve) => registry.onChange(resolve));
      writeFileSync(join(dir, "framework.yaml"), product.replace("name: Larkspur", "name: Larkspur Renamed"));
      await changed;
      expect(registry.version).not.toBe(before);
      expect(registry.list()[0]?.index?.framework.name).toBe("Larkspur Renamed Product Engineering Matrix");
    } finally {
      stop();
    }
  });

  it("watch: a file replaced by a rename (an editor's safe save, sed -i, git checkout) is still watched", async () => {
    const dir = folderWith(product);
    const registry = await registryOf([dir]);
    const stop = registry.watch(20);
    /** The next reload, or a failure after 3 s: a reload the watcher misses never comes. */
    const nextReload = (what: string) =>
      new Promise<void>((resolve, reject) => {
        const late = setTimeout(() => reject(new Error(`${what}: no reload within 3 s`)), 3_000);
        const unlisten = registry.onChange(() => {
          clearTimeout(late);
          unlisten();
          resolve();
        });
      });
    try {
      const file = join(dir, "framework.yaml");
      const replaced = nextReload("the rename");
      // written beside the folder, so that only the rename happens inside it
      const saved = join(folderWith(""), "saved.yaml");
      writeFileSync(saved, product.replace("name: Larkspur", "name: Larkspur Saved"));
      renameSync(saved, file);
      await replaced;
      const edited = nextReload("the edit after the rename");
      writeFileSync(file, product.replace("name: Larkspur", "name: Larkspur Edited"));
      await edited;
      expect(registry.list()[0]?.index?.framework.name).toBe("Larkspur Edited Product Engineering Matrix");
    } finally {
      stop();
    }
  });

  it("watch: an edit to the base an `extends` names, outside the framework's folder, reloads too", async () => {
    const shapes = join(root, "test/fixtures/shapes");
    const top = mkdtempSync(join(tmpdir(), "rungs-registry-"));
    dirs.push(top);
    cpSync(join(shapes, "discipline-base"), join(top, "discipline-base"), { recursive: true });
    cpSync(join(shapes, "discipline-mobile"), join(top, "discipline-mobile"), { recursive: true });
    const registry = await registryOf([join(top, "discipline-mobile")]);
    expect(registry.list()[0]?.ok).toBe(true);
    const before = registry.version;
    const stop = registry.watch(20);
    try {
      const changed = new Promise<void>((resolve) => registry.onChange(resolve));
      const base = join(top, "discipline-base/framework.yaml");
      writeFileSync(base, `${readFileSync(base, "utf8")}\n# edited\n`);
      await changed;
      expect(registry.version).not.toBe(before);
    } finally {
      stop();
    }
  });

  it("watch: a framework folder added to a folder of frameworks is served, and dropped once removed", async () => {
    const top = mkdtempSync(join(tmpdir(), "rungs-registry-"));
    dirs.push(top);
    mkdirSync(join(top, "one"));
    writeFileSync(join(top, "one/framework.yaml"), product);
    const registry = await registryOf([top]);
    expect(registry.list().map((e) => [e.path, e.ok])).toEqual([[join(top, "one"), true]]);
    const stop = registry.watch(20);
    try {
      const added = new Promise<void>((resolve) => registry.onChange(resolve));
      mkdirSync(join(top, "two"));
      writeFileSync(join(top, "two/framework.yaml"), product.replace("id: product-matrix", "id: second"));
      await added;
      expect(registry.list().map((e) => [e.path, e.ok])).toEqual([
        [join(top, "one"), true],
        [join(top, "two"), true],
      ]);
      const removed = new Promise<void>((resolve) => registry.onChange(resolve));
      rmSync(join(top, "one"), { recursive: true });
      await removed;
      expect(registry.list().map((e) => e.path)).toEqual([join(top, "two")]);
    } finally {
      stop();
    }
  });

  it("read, then linted: a server's frameworks come as read first, and what the linter finds replaces them", async () => {
    // its only error is the linter's: no rule has this name
    const dir = folderWith(product.replace("rungs: 1\n", "rungs: 1\nlint:\n  no-such-rule: warning\n"));
    const loader = new FrameworkRegistry([dir], {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
    });
    let read: FrameworkRegistry | undefined;
    const linted = Promise.withResolvers<ReturnType<FrameworkRegistry["snapshot"]>>();
    await loader.load((entries) => {
      read = FrameworkRegistry.adopt([dir], { fs: nodeFileSystem }, loader.snapshot(entries), linted.promise);
    });
    if (!read) throw new Error("load() did not tell the frameworks as read");
    const [before] = read.list();
    expect([before?.ok, before?.linted, before?.diagnostics]).toEqual([true, false, []]);
    // a version of its own meanwhile: nothing made from the unlinted frameworks outlives the lint
    expect(read.version).not.toBe(loader.version);
    linted.resolve(loader.snapshot());
    await read.lint;
    const [after] = read.list();
    expect([after?.ok, after?.linted, after?.diagnostics.map((d) => d.code)]).toEqual([
      false,
      undefined,
      ["unknown-lint-rule"],
    ]);
    expect(read.version).toBe(loader.version);
  });

  it("a check told the framework as read lints it only once what it was told returns has settled", async () => {
    // the registry holds every framework's lint until all are read, so the frameworks as read come first
    const dir = folderWith(product.replace("rungs: 1\n", "rungs: 1\nlint:\n  no-such-rule: warning\n"));
    const gate = Promise.withResolvers<void>();
    const told = Promise.withResolvers<void>();
    let done = false;
    const checking = checkFramework(dir, nodeFileSystem, {
      occupations: await loadOccupations(nodeFileSystem),
      loaded: () => {
        told.resolve();
        return gate.promise;
      },
    }).then((result) => {
      done = true;
      return result;
    });
    await told.promise;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    gate.resolve();
    expect((await checking).diagnostics.map((d) => d.code)).toEqual(["unknown-lint-rule"]);
  });

  it("a lint that arrives after the frameworks were loaded again is not taken", async () => {
    const dir = folderWith(product);
    const loader = await registryOf([dir]);
    const linted = Promise.withResolvers<ReturnType<FrameworkRegistry["snapshot"]>>();
    const stale = loader.snapshot();
    const [first] = stale.entries;
    if (!first) throw new Error("no framework");
    const read = FrameworkRegistry.adopt(
      [dir],
      { fs: nodeFileSystem },
      { ...stale, entries: [{ ...first, linted: false }] },
      linted.promise,
    );
    writeFileSync(join(dir, "framework.yaml"), product.replace("name: Larkspur", "name: Larkspur Renamed"));
    await read.load();
    linted.resolve(stale);
    await read.lint;
    expect(read.list()[0]?.index?.framework.name).toBe("Larkspur Renamed Product Engineering Matrix");
  });

  it("a load that fails (the file system broke) rejects load() alone, with no unhandled rejection beside it", async () => {
    const broken = { ...nodeFileSystem, stat: () => Promise.reject(new Error("disk gone")) };
    const registry = new FrameworkRegistry([folderWith(product)], {
      fs: broken,
      occupations: await loadOccupations(nodeFileSystem),
    });
    await expect(registry.load()).rejects.toThrow("disk gone");
    await expect(registry.load(() => {})).rejects.toThrow("disk gone");
  });
});

describe("a reload reuses the files whose text is unchanged", () => {
  it("a reused file that is no longer valid is read again before anything is cut out of it", async () => {
    const work = mkdtempSync(join(tmpdir(), "rungs-registry-reuse-"));
    dirs.push(work);
    const base = join(work, "base");
    cpSync(join(root, "examples/product-matrix"), base, { recursive: true });
    const ext = join(work, "ext");
    mkdirSync(ext);
    const rootFile = join(ext, "framework.yaml");
    writeFileSync(rootFile, "rungs: 2\nextends: ../base\nid: ext\nname: Extended\n");
    // a partial entry: whole only while the root extends the base, which has the rest of it
    writeFileSync(join(ext, "levels.yaml"), "levels:\n  - id: l1\n    name: Renamed first level\n");
    const registry = await registryOf([ext]);
    const [before] = registry.list();
    expect(before?.ok).toBe(true);
    const levels = before?.files.find((f) => f.file.endsWith("levels.yaml")) as SourceFile;
    const frozen = JSON.stringify(levels.value);
    Object.freeze(levels.value);
    for (const value of Object.values(levels.value as object)) Object.freeze(value);
    for (const entry of (levels.value as { levels: object[] }).levels) Object.freeze(entry);
    // the root stops extending: the same levels.yaml now lacks what a level must have
    writeFileSync(
      rootFile,
      "rungs: 2\nid: ext\nname: Extended\ntracks: [{ id: t, name: T }]\nlevels: [{ id: l0, name: Zero, track: t }]\n",
    );
    await registry.load();
    const [after] = registry.list();
    expect(after?.ok).toBe(false);
    const missing = after?.diagnostics.find((d) => d.file.endsWith("levels.yaml"));
    expect(missing?.severity).toBe("error");
    expect(missing?.line).toBe(2);
    // the earlier version's value is as it was (frozen: a cut would have thrown)
    expect(JSON.stringify(levels.value)).toBe(frozen);
    // and what the failed load read is not reused: going back gives the first version again
    writeFileSync(rootFile, "rungs: 2\nextends: ../base\nid: ext\nname: Extended\n");
    await registry.load();
    expect(registry.list()[0]?.ok).toBe(true);
  });
});
