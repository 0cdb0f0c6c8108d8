/**
 * `rungs migrate <paths…>` on every bundled example and every fixture framework: the migrated copy loads to
 * the same framework (but for its version), written in fmt's layout (a formatted file changes by its version
 * line alone; comments stay), and a second run changes nothing.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program.js";
import { formatFrameworkText } from "../src/load/format-framework.js";
import { nodeFileSystem } from "../src/load/fs-port.js";
import { loadFramework } from "../src/load/load-framework.js";
import { migrateRootText } from "../src/load/migrate-framework.js";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shapes = join(repo, "test/fixtures/shapes");
const ALL = [
  ...readdirSync(join(repo, "examples")).map((name) => join(repo, "examples", name)),
  ...readdirSync(shapes).map((name) => join(shapes, name)),
  join(repo, "test/fixtures/adjacent/other.yaml"),
];
/** The frameworks still written in format 1 (the format 2 shape fixtures are already current). */
const isV1 = (path: string) => {
  const root = statSync(path).isDirectory() ? join(path, "framework.yaml") : path;
  return /^rungs: 1\b/m.test(readFileSync(root, "utf8"));
};
const FRAMEWORKS = ALL.filter(isV1);

const scratch = mkdtempSync(join(tmpdir(), "rungs-migrate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const status = await runCli(args, { stdout, stderr, env: {}, cwd: scratch });
  return { status, out, err };
}

/** Every file under `path` with its text. */
function texts(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else out.set(p.slice(path.length), readFileSync(p, "utf8"));
  };
  walk(path);
  return out;
}

describe("rungs migrate <paths…>", () => {
  it.each(FRAMEWORKS)(
    "%s: loads to an equal framework, the rewritten file formatted, idempotent",
    async (source) => {
      const copy = join(scratch, source.slice(repo.length).replaceAll("/", "_"));
      cpSync(source, copy, { recursive: true });
      const before = await loadFramework(copy, nodeFileSystem);
      expect(before.framework?.rungs).toBe(1);
      const first = await cli("migrate", copy);
      expect(first.err).toBe("");
      expect(first.status).toBe(0);
      expect(first.out).toMatch(/^migrated {2}.+ \(rungs: 1 → 2\)\n$/);

      const after = await loadFramework(copy, nodeFileSystem);
      expect(after.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(after.framework).toEqual({ ...before.framework, rungs: 2 });

      const original = texts(source);
      const migrated = texts(copy);
      for (const [file, text] of original) {
        const now = migrated.get(file) as string;
        if (now === text) continue;
        expect(formatFrameworkText(now)).toEqual({ ok: true, text: now });
        // written through fmt: a file already in the canonical layout (every bundled example) changes by
        // its version line alone
        const formatted = formatFrameworkText(text);
        if (!formatted.ok || formatted.text !== text) continue;
        expect(now.split("\n").filter((line, i) => line !== text.split("\n")[i])).toEqual(["rungs: 2"]);
      }
      const second = await cli("migrate", copy);
      expect(second.out).toMatch(/^up to date {2}/);
      expect(texts(copy)).toEqual(migrated);
    },
  );

  it("a format 2 framework is left as it is", async () => {
    const current = ALL.filter((path) => !isV1(path));
    expect(current.length).toBeGreaterThan(0);
    for (const path of current)
      expect((await cli("migrate", "--dry-run", path)).out).toMatch(/^up to date {2}/);
  });

  it("keeps the comments, and writes the root file in fmt's layout", () => {
    const text = '# our ladder\nrungs: 1   # the format\nname: "X"\nid: x\ntracks: []\n';
    expect(migrateRootText("x.yaml", text).text).toBe(
      "# our ladder\nrungs: 2 # the format\nid: x\nname: X\ntracks: []\n",
    );
  });

  it("--dry-run lists the change and writes nothing; a broken file is refused with its location", async () => {
    const file = join(scratch, "dry.yaml");
    writeFileSync(file, "rungs: 1\nid: d\nname: D\ntracks: []\n");
    const dry = await cli("migrate", "--dry-run", file);
    expect(dry.out).toBe("would migrate  dry.yaml (rungs: 1 → 2)\n");
    expect(readFileSync(file, "utf8")).toContain("rungs: 1");

    const broken = join(scratch, "broken.yaml");
    writeFileSync(broken, "rungs: 1\nid: [b\n");
    const refused = await cli("migrate", broken);
    expect(refused.status).toBe(1);
    expect(refused.err).toMatch(/^rungs: cannot migrate .*broken\.yaml: broken\.yaml:2:5: /);
    expect(readFileSync(broken, "utf8")).toBe("rungs: 1\nid: [b\n");
  });

  it("a path that cannot be read is an I/O problem (exit 2, as for check), after migrating the others", async () => {
    const file = join(scratch, "fine.yaml");
    writeFileSync(file, "rungs: 1\nid: f\nname: F\ntracks: []\n");
    const run = await cli("migrate", "missing.yaml", file);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(/^rungs: cannot migrate missing\.yaml: .*no such file or directory/);
    expect(readFileSync(file, "utf8")).toContain("rungs: 2");
  });
});

describe("rungs check --publish", () => {
  it("fails (exit 1) on a source whose lowest review score is under the pass mark; plain check passes", async () => {
    const file = join(scratch, "reviewed.yaml");
    writeFileSync(
      file,
      `rungs: 2
id: reviewed
name: Reviewed
publish: { passMark: 4 }
tracks: [{ id: t, name: T }]
levels: [{ id: l, name: L, track: t }]
sources:
  - { id: s, title: Survey, review: { scores: { accuracy: 5, coverage: 3 } } }
`,
    );
    const plain = await cli("check", file);
    expect(plain.status).toBe(0);
    const publish = await cli("check", "--publish", file);
    expect(publish.status).toBe(1);
    expect(publish.out).toContain("reviewed.yaml:8:");
    expect(publish.out).toContain("publish-review");
  });
});
