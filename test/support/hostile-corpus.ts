/**
 * Hostile framework files: every way issue 12 found to hang, crash or mislead the loader, and the shapes a
 * careless editor produces. Big cases are generated here, so nothing large is kept in git. Used by the
 * corpus test (through `load` and through `rungs check` as a process) and as seeds by the fuzzers.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { BASE } from "./check-yaml.js";

export interface HostileCase {
  name: string;
  /** The case's files by path inside its folder; a case of one file `fw.yaml` is checked as that file. */
  files: Record<string, string | Uint8Array>;
  /** Codes the check must report (it may report others too); empty when the file is fine. */
  expect: string[];
  /** Codes the check must not report. */
  absent?: string[];
  /** Links to create (path inside the folder → path it points to, relative to the folder). */
  links?: Record<string, string>;
}

const one = (name: string, text: string | Uint8Array, expect: string[]): HostileCase => ({
  name,
  files: { "fw.yaml": text },
  expect,
});

/** BASE with `extra` written after its `name:` line. */
const withLines = (extra: string) => BASE.replace("name: Tiny\n", `name: Tiny\n${extra}`);

function billionLaughs(): string {
  const rows = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) {
    rows.push(
      `${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(", ")}]`,
    );
  }
  return `${BASE}${rows.join("\n")}\n`;
}

/** `levels` levels, the second of which follows `references` levels that do not exist. */
function manyLevels(levels: number, references: number): string {
  const follows = Array.from({ length: references }, (_, i) => `missing-${i}`).join(", ");
  const rows = Array.from(
    { length: levels },
    (_, i) => `  - { id: level-${i}, name: L, track: t${i === 1 ? `, follows: [${follows}]` : ""} }`,
  );
  return `rungs: 1\nid: many\nname: Many\ntracks: [{ id: t, name: T }]\nlevels:\n${rows.join("\n")}\n`;
}

/**
 * A fragment of one area of `count` competencies in the plain shape, the last of which has the id `last`;
 * each on one line, to stay under the loader's 5 MiB a file; the area spans one level, so none misses the others.
 */
function plainCompetencies(count: number, last: string): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `    - { id: ${i === count - 1 ? JSON.stringify(last) : `c${i}`}, expectations: { junior: x } }\n`,
  );
  return `areas:\n  - id: more\n    levels: [junior]\n    competencies:\n${rows.join("")}`;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = Buffer.from(`\ufeff${text}`, "utf16le");
  if (bigEndian) bytes.swap16();
  return new Uint8Array(bytes);
}

function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** Every case, generated afresh (the big ones take a few megabytes of memory each). */
export function hostileCorpus(): HostileCase[] {
  return [
    one("billion laughs", billionLaughs(), ["too-many-aliases"]),
    one("alias inside its own anchor (list)", withLines("organization: &a [*a]\n"), ["yaml-alias"]),
    one("alias inside its own anchor (mapping)", withLines("organization: &a { k: *a }\n"), ["yaml-alias"]),
    one("alias to no anchor", withLines("organization: *nowhere\n"), ["yaml-alias"]),
    one("a long text copied by aliases", withLines(`x: &t "${"t".repeat(400_000)}"\ny: [*t, *t, *t]\n`), [
      "too-many-aliases",
    ]),
    one(
      "a chain of 20,000 aliases",
      withLines(
        `${Array.from({ length: 20_000 }, (_, i) => `a${i}: &a${i} ${i ? `[*a${i - 1}]` : "x"}`).join("\n")}\n`,
      ),
      ["too-deep"],
    ),
    one("100,000 nested brackets", `rungs: 1\nid: deep\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, [
      "too-deep",
    ]),
    one("100,000 nested braces", `rungs: 1\nid: deep\nx: ${"{a: ".repeat(100_000)}${"}".repeat(100_000)}\n`, [
      "too-deep",
    ]),
    one(
      "deep block nesting",
      `rungs: 1\nx:\n${Array.from({ length: 2_000 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n")}\n`,
      ["too-deep"],
    ),
    one("100,000 dashes on a line", `rungs: 1\nx:\n  ${"- ".repeat(100_000)}x\n`, ["too-deep"]),
    one(
      "a 100,000-item list of unknown references",
      BASE.replace(
        "follows: [junior]",
        `follows: [${Array.from({ length: 100_000 }, (_, i) => `l${i}`).join(", ")}]`,
      ),
      ["unknown-reference"],
    ),
    one(
      "a 100,000-item list of entries of the wrong type",
      BASE.replace("tracks:\n", `tracks:\n${"  - 42\n".repeat(100_000)}`),
      ["invalid-type"],
    ),
    one(
      "a 100,000-key mapping",
      withLines(`lint:\n${Array.from({ length: 100_000 }, (_, i) => `  r${i}: off`).join("\n")}\n`),
      ["unknown-lint-rule"],
    ),
    one(
      "a 100,000-item list written over 100,000 lines",
      withLines(`x: [\n${"  item,\n".repeat(100_000)}  last]\n`),
      ["unknown-field"],
    ),
    one("10,000 unknown references among 10,000 levels", manyLevels(10_000, 10_000), ["unknown-reference"]),
    one("a 4 MB line", withLines(`description: ${"word ".repeat(800_000)}\n`), []),
    one(
      "a 20,000-character reference",
      BASE.replace("follows: [junior]", `follows: [${"junior".repeat(3_400)}]`),
      ["unknown-reference"],
    ),
    one("a 20,000-character field name", withLines(`${"summary".repeat(3_000)}: x\n`), ["yaml-syntax"]),
    one("a 20,000-character explicit key", withLines(`? ${"summary".repeat(3_000)}\n: x\n`), [
      "unknown-field",
    ]),
    one("a list and a mapping as keys", withLines("? [a, b]\n: 1\n? { a: 1 }\n: 2\n*k : 3\n"), [
      "yaml-unsupported",
      "yaml-alias",
    ]),
    one(
      "names Object inherits as keys and values",
      withLines("__proto__: { polluted: true }\nconstructor: toString\norganization: __proto__\n").replace(
        "  - id: ic\n",
        "  - id: constructor\n",
      ),
      ["unknown-field", "unknown-reference"],
    ),
    one("!!binary everywhere", BASE.replaceAll(/: (Trunk|Junior|craft|tiny)\n/g, ": !!binary aGVsbG8=\n"), [
      "yaml-unsupported",
    ]),
    one(
      "!!set, !!omap, !!pairs and custom tags",
      withLines("x: !!set { a, b }\ny: !!omap [ a: 1 ]\nz: !!pairs [ a: 1 ]\nw: !local v\n"),
      ["yaml-unsupported"],
    ),
    one("!!binary as an id", BASE.replace("id: tiny", "id: !!binary dGlueQ=="), ["yaml-unsupported"]),
    one(
      "YAML 1.1 with dates, yes and a merge key",
      `%YAML 1.1\n---\n${withLines("version: 2001-12-14\nx: yes\n<<: { y: 1 }\n")}`,
      ["yaml-unsupported"],
    ),
    one("control characters", withLines("organization: a\u0000b\u0007c\u007fd\u009be\u001b[2J\n"), [
      "invalid-character",
    ]),
    one("a NUL in double quotes (escaped)", withLines('organization: "a\\0b\\e[31m"\n'), []),
    one("a byte order mark", `\ufeff${BASE}`, []),
    one("a byte order mark inside", withLines("organization: a\ufeffb\n"), []),
    one("CRLF line ends", BASE.replaceAll("\n", "\r\n"), []),
    one("CR line ends", BASE.replaceAll("\n", "\r"), ["yaml-syntax"]),
    one(
      "mixed line ends",
      BASE.replace(/\n(?=.)/g, (_, at: number) => (at % 3 ? "\r\n" : "\n")),
      [],
    ),
    one("Latin-1 bytes in a UTF-8 file", latin1(withLines("organization: Café Crème\n")), [
      "invalid-character",
    ]),
    one("UTF-16LE", utf16(BASE, false), ["invalid-character"]),
    one("UTF-16BE", utf16(BASE, true), ["invalid-character"]),
    one("a lone surrogate written as UTF-8", withLines("organization: a\ud800b\n"), ["invalid-character"]),
    one("an escaped lone surrogate", withLines('organization: "a\\ud800b"\n'), []),
    one("tabs for indenting", BASE.replace("    name: Trunk", "\tname: Trunk"), ["yaml-syntax"]),
    one(
      "an unclosed bracket below a duplicate key",
      "rungs: 1\nid: tiny\nid: other\nname: Tiny\ntracks: [\n  { id: trunk, name: Trunk }\n",
      ["duplicate-key", "yaml-syntax"],
    ),
    one("an unclosed quote at the top of a long file", `rungs: 1\nid: "tiny\n${BASE.slice(18).repeat(200)}`, [
      "yaml-syntax",
    ]),
    one("two documents", `${BASE}---\n${BASE}`, ["yaml-syntax"]),
    one("a file over 5 MiB", `${BASE}# ${"x".repeat(5 * 1024 * 1024)}\n`, ["too-large"]),
    // the full parser costs about 1 s a 100,000 entries: a file of more is refused at the bound, in the
    // subset the quick reader reads as outside it
    one("150,001 entries in one file", `${BASE}${"x:\n"}${"  - 1\n".repeat(150_001)}`, ["too-large"]),
    one("150,001 entries behind an anchor", `${BASE}x: &a\n${"  - 1\n".repeat(150_001)}`, ["too-large"]),
    one("an empty file", "", ["missing-root"]),
    one("only comments", "# nothing here\n", ["missing-root"]),
    one("only a document marker", "---\n", ["missing-root"]),
    one("a scalar", "~\n", ["missing-root"]),
    one("a list", "- rungs: 1\n", ["missing-root"]),
    one(
      "terminal escapes in text",
      withLines('organization: "\\e]0;pwned\\a\\e[2J\\e[31mred"\n').replace(
        "follows: [junior]",
        'follows: ["\\e[31mjunior"]',
      ),
      ["invalid-value"],
    ),
    one("bidirectional and zero-width text", withLines("organization: a\u202eb\u200bc\u2066d\n"), []),
    one(
      "100,000 text-direction controls in a name",
      BASE.replace("    name: Trunk", `    name: "${"\u202e".repeat(100_000)}Trunk"`),
      ["direction-control"],
    ),
    one("emoji keys and ids", withLines("🙂: x\n").replace("id: tiny", "id: 🙂"), [
      "invalid-value",
      "unknown-field",
    ]),
    {
      name: "a directory with a broken fragment and a fragment over the limit",
      files: {
        "framework.yaml": BASE.split("levels:")[0] as string,
        "levels.yaml": `levels:\n  - { id: a, name: A, track: trunk, follows: [b`,
        "big.yaml": `sources:\n# ${"x".repeat(5 * 1024 * 1024)}\n`,
      },
      expect: ["yaml-syntax", "too-large"],
    },
    {
      // the quick check (src/load/quick-validate.ts) passes a valid file without the schemas: this one is
      // valid through 29,999 competencies and not at the last, whose id the schema then locates (30,000 of
      // four entries each stay under the bound of 150,000 entries a file)
      name: "30,000 plain competencies, the last with a bad id",
      files: { "framework.yaml": BASE, "more.yaml": plainCompetencies(30_000, "Not An Id") },
      expect: ["invalid-value"],
    },
    {
      // 10,000 levels left out for their missing track, each followed by a valid level: the references to
      // them are not reported again (lint's `dropped`), which halved `rungs check`'s CPU at 100,000 levels
      // (16.6 → 8.3 s). 20,000 hold the same: the case runs in process and through the CLI, and at 100,000
      // it alone cost the suite ~20 s of CPU, most of it printing 50,000 located errors
      name: "20,000 levels, every other one without a track and followed by the next",
      files: {
        "framework.yaml": BASE,
        "more.yaml": `levels:\n${Array.from({ length: 10_000 }, (_, i) => `  - { id: t${i}, name: T${i} }\n  - { id: v${i}, name: V${i}, track: trunk, follows: [t${i}] }`).join("\n")}\n`,
      },
      expect: ["missing-field"],
      absent: ["unknown-reference"],
    },
    {
      // a root file that lost its `rungs:` line is pointed at (root-file.ts, rootWithoutRungs): the top's
      // other files, many and none a root, are each read once within the file limit, not parsed
      name: "a folder of 2,000 YAML files, none with a rungs line, one with a top-level id",
      files: {
        ...Object.fromEntries(
          Array.from({ length: 2_000 }, (_, i) => [`n${i}.yaml`, `note: ${"x".repeat(500)}\n`]),
        ),
        "zz-framework.yaml": `${"# id: not this one\n".repeat(10_000)}id: harbor\nname: Harbor\n`,
      },
      expect: ["missing-root"],
      absent: ["read-error"],
    },
    {
      name: "a directory linked into itself",
      files: { "framework.yaml": BASE, "more/.keep.yaml": "" },
      links: { "more/again": "." },
      expect: [],
    },
  ];
}

/** Writes a case under `root`; returns the path to check (the folder, or its one file). */
export function writeCase(root: string, c: HostileCase): string {
  const dir = join(root, c.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, ""));
  for (const [path, content] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  for (const [path, target] of Object.entries(c.links ?? {})) symlinkSync(join(dir, target), join(dir, path));
  const names = Object.keys(c.files);
  return names.length === 1 && names[0] === "fw.yaml" && !c.links ? join(dir, "fw.yaml") : dir;
}

/** Lines of a `rungs check` text report that start a diagnostic (`path:line:column  severity  ...`). */
export const headsOf = (text: string) =>
  text.split("\n").filter((l) => /^\S.*:\d+:\d+ {2}(error|warning|info) {2}/.test(l));

// newline and tab are the only control characters output may hold, and no direction control either
export const RAW_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * What `rungs check`'s text report of corpus cases must be: no raw control character, no stack, a summary
 * line for each of the `paths` it names, and at least `located` diagnostics, each at a line and column >= 1.
 */
export function expectWellFormedReport(text: string, paths: string[], located: number): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  for (const path of paths) expect(text).toMatch(new RegExp(`^(ok|failed) {2}${escapeRe(path)}: `, "m"));
  const heads = headsOf(text);
  expect(heads.length).toBeGreaterThanOrEqual(located);
  for (const head of heads) {
    const [, line, column] = head.match(/:(\d+):(\d+) {2}/) ?? [];
    expect(Number(line)).toBeGreaterThanOrEqual(1);
    expect(Number(column)).toBeGreaterThanOrEqual(1);
  }
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
