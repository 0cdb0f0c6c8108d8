import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { yamlFiles } from "../../test/support/fuzz.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { readQuickYaml } from "./yaml-quick.js";
import { parseSource, readSource, SourceMap } from "./yaml-source.js";

const root = new URL("../../", import.meta.url).pathname;

/** What the full reader makes of a text: its value, or undefined when it reports anything. */
function full(text: string): { value: unknown } | undefined {
  const parsed = parseSource("x.yaml", text, new SourceMap());
  return parsed.diagnostics.length === 0 ? { value: parsed.source.value } : undefined;
}

/**
 * The quick reader either gives up or gives what the full reader gives, keys in the same order; and what is
 * read through `readSource` is located where the full reader locates it.
 */
function agrees(text: string): boolean {
  const quick = readQuickYaml(text, DEFAULT_LOAD_LIMITS.entries);
  if (quick === undefined) return false;
  const expected = full(text);
  expect(expected, `the full reader reports a problem in:\n${text}`).toBeDefined();
  expect(JSON.stringify(quick.value), text).toBe(JSON.stringify(expected?.value));
  expect(quick.value, text).toEqual(expected?.value);
  expect(locations(text, readSource), text).toEqual(locations(text, parseSource));
  return true;
}

/**
 * Where each mapping and list a reader reads is located (its path included). Where they agree, so does
 * everything located in them: a location is found from the value's path in the document.
 */
function locations(text: string, read: typeof parseSource): unknown[] {
  const map = new SourceMap();
  const out: unknown[] = [];
  const walk = (value: unknown) => {
    if (value === null || typeof value !== "object") return;
    out.push(map.locate(value));
    for (const child of Object.values(value)) walk(child);
  };
  walk(read("x.yaml", text, map).source.value);
  return out;
}

const READ = [
  "a: 1\nb: text here\nc:\n  - x\n  - y: 2\n    z: [p, q]\n",
  "list:\n- a\n- b\nnext: ~\n",
  "k: 'it''s: quoted' # c\nd: \"plain #not\"\ne: a#b\n",
  "t: |\n  line one\n\n  line three\n    indented\nu: >-\n  folded\n  text\n\n  para\nv: x\n",
  "n: [1, -2, .5, 0x1F, 0o7, +3, 1e3, .inf, -.inf, .nan]\nb: [true, False, NULL, ~]\nw: 1_000\n",
  // resolved by the quick reader's own core-schema tests: text that only looks like a number or a marker
  "a: ---\nb: ... x\nc: 007\nd: -0\ne: 2026.1\nf: 15-1252\ng: 0o8\nh: 0xG\ni: +.INF\nj: 1.e5\nk: ~x\nl: 123456789012345678\n",
  "1: one\n20: twenty\nzero: 0\nkey: 12:30\n",
  "# head\nareas:\n  # between\n  - id: a\n\n    name: A # trailing\n    competencies: []\n",
  "x:\n  -\n    a: 1\n  - \n  - b\n",
  "x: >\n  a\n  b\n\n\ny: 1\n",
  "x: |+\n  a\ny: 1\n",
  "x: 'a' \ny: \"b\"   # c\nz: [a b, c]  \n",
  "key: Ünïcode ✓ 👍 text\n",
  "levels:\n  - { id: crew, name: Crew, codes: { band: P1 }, follows: [a, b] }\n  - {}\n",
  "points: { \"1.1\": 0, 'it''s': 2 }\nq: ['a, b', \"c\"]\n",
  "summary: Text over\n  several lines,\n\n  and a paragraph.\nnext:\n  text on its own\n  lines\n",
  "- first\n  second\n- third\n",
  "a: x\n ...\n",
  "r: [it's, a b's]\n",
  // flow lists and mappings over lines, as the seed-shaped examples and formatters write them
  "a: [x,\n  y]\n",
  "- {\n    id: a,\n    text: 'it''s [open',\n    n: [1,\n      2]\n  }\n- {id: b}\n",
  'k:\n  {\n    scope: One team,\n    impact: "A, B"   \n  }\nnext: x\n',
  't: [a long\n  text, "quoted\n  text"]\n',
  "l: [https://x.example/a, {url: http://y.example:8080/b?q=1}, a:b]\n",
  // plain keys at their longest: a word of 200 characters, a number of 15 digits
  `${"k".repeat(200)}: x\n_a-b.9: y\n0: z\n123456789012345:\n`,
  "- a:b\n- 1:2\n", // a colon without a space after it: text, not a key
];

const NOT_READ = [
  "a: &x 1\nb: *x\n", // anchors
  "a: !tag x\n", // tags
  "a: {b: 1,}\n", // a trailing comma
  'a: "esc\\n"\n', // escapes
  "a: one\n  # c\n  two\n", // a comment inside text over lines
  "a: 1\na: 2\n", // duplicate keys
  "a:\tb\n", // tabs
  "a: 1\r\nb: 2\r\n", // carriage returns
  "a: b: c\n", // a mapping in a value
  "true: x\n", // a key read as a boolean
  "__proto__: x\n",
  "---\na: 1\n",
  "a:\n    b: 1\n  c: 2\n", // bad indentation
  "a: |2\n   x\n", // an indentation indicator
  "a: |\n  x", // block text without a final line break
  "a: [x, # c\n  y]\n", // a comment in a flow list over lines
  "a: [x,\n\n  y]\n", // a blank line in one
  "a: [x,\ny]\n", // a line of one not indented past its key
  "- [x,\n  y\n", // one never closed
  "- - a\n",
  "a: 'open\n  b'\n",
  "01: x\n",
  `${"k".repeat(201)}: x\n`, // keys longer than the quick reader reads
  "1234567890123456: x\n",
  "a:b: x\n",
  "a: x\u0085y\n",
  "a: x\ud800y\n", // a lone surrogate
  "",
  "# only a comment\n",
];

describe("the quick YAML reader", () => {
  it.each(READ)("reads what the full reader reads: %j", (text) => {
    expect(agrees(text)).toBe(true);
  });

  it.each(NOT_READ)("gives up on what it does not cover: %j", (text) => {
    expect(readQuickYaml(text, DEFAULT_LOAD_LIMITS.entries)).toBeUndefined();
  });

  it("leaves nesting deeper than the limit to the full reader, which reports it", () => {
    const text = "a:\n  b:\n    c: [x]\n";
    const limits = { ...DEFAULT_LOAD_LIMITS, depth: 2 };
    const read = readSource("x.yaml", text, new SourceMap(), limits);
    expect(read.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["too-deep", 3, 8]]);
    expect(read.source.value).toBeUndefined();
  });

  it("reads every example and fixture file the full reader reads cleanly, or gives up", () => {
    const files = [...yamlFiles(join(root, "examples")), ...yamlFiles(join(root, "test/fixtures"))];
    let read = 0;
    for (const file of files) if (agrees(readFileSync(file, "utf8"))) read++;
    // most real files are in the subset, or the quick reader saves nothing
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it("agrees with the full reader on mutated real files and on generated blocks", () => {
    const seeds = yamlFiles(join(root, "examples"))
      .map((f) => readFileSync(f, "utf8"))
      .filter((t) => t.length < 20_000);
    const pieces = [
      "a: 1",
      "  b: x y",
      "- c",
      "  - d: e",
      "    f: [g, 2]",
      "h: |",
      "  lit",
      "i: >-",
      "   fold",
      "",
      "# c",
      "    # deep comment",
      "j:",
      "  ",
      "k: 'q''s'",
      'l: "dq"',
      "-",
      "m: x # c",
      "n: -1",
      "o: ~",
      "p: { a: 1, b: [x, y] }",
      "  continued text",
      '"q k": v',
      "- { id: x, name: Y }",
      "r:",
      "    plain on its own line",
      "s: 'q' # c",
      "t: [a, 'b c', \"d\"]",
      "  - more",
      "  [bracket] text",
      "u: {a: 1,",
      "  b: [x,",
      "    y]}",
      "- [",
      "  'it''s', \"d q\",",
      "  ]",
      "v: [it's,",
      "w: {u: https://a.example/x, v: a::b}",
    ];
    const generated = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((l) => `${l.join("\n")}\n`);
    // a line of a real file moved by -2…+2 columns, or replaced by a line from elsewhere in it
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.nat(2000), fc.nat(2000), fc.integer({ min: -2, max: 2 }))
      .map(([text, i, j, shift]) => {
        const lines = text.split("\n");
        const at = i % lines.length;
        const line = shift === 0 ? (lines[j % lines.length] as string) : (lines[at] as string);
        lines[at] = shift > 0 ? " ".repeat(shift) + line : line.slice(line.startsWith("  ") ? -shift : 0);
        return lines.join("\n");
      });
    fc.assert(
      fc.property(fc.oneof(generated, mutated), (text) => {
        agrees(text);
      }),
      { numRuns: 3000, seed: 16 },
    );
    // 3,000 texts each read and located by both readers: seconds alone, many more on a busy machine
  }, 120_000);

  it("resolves plain values that look like numbers, null or booleans as the full reader does", () => {
    // pieces of the core schema's numbers and keywords, and a few that make them text again
    const pieces = ["0", "1", "7", "9", "12", "0o", "0x", ".", "e", "E", "+", "-", "~", "_", " ", "a", "F"];
    const words = [
      "inf",
      "INF",
      ".inf",
      "-.Inf",
      ".nan",
      "NaN",
      "null",
      "Null",
      "NULL",
      "true",
      "TRUE",
      "False",
    ];
    const scalar = fc
      .array(fc.constantFrom(...pieces, ...words), { minLength: 1, maxLength: 5 })
      .map((chars) => chars.join("").trim())
      .filter((text) => text !== "");
    fc.assert(
      fc.property(scalar, (text) => {
        const yamlText = `k: ${text}\nl: [${text}]\n`;
        if (readQuickYaml(yamlText, DEFAULT_LOAD_LIMITS.entries)) expect(agrees(yamlText)).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
  }, 120_000);
});

describe("the bound on a file's entries", () => {
  it("is counted alike by the quick and the full reader; over it, the full reader refuses the file", () => {
    const limits = { ...DEFAULT_LOAD_LIMITS, entries: 4 };
    const codes = (text: string) =>
      readSource("f.yaml", text, new SourceMap(), limits).diagnostics.map((d) => `${d.code}:${d.line}`);
    for (const [text, over] of [
      ["a: 1\nb: [1, 2]\n", false],
      ["a: 1\nb: [1, 2, 3]\n", true],
      // an empty collection's bracket counts as one
      ["a: []\nb: {}\n", false],
      ["a: []\nb: {}\nc:\n  - x\n", true],
    ] as const) {
      expect(readQuickYaml(text, limits.entries) === undefined, text).toBe(over);
      expect(parseSource("f.yaml", text, new SourceMap(), limits).diagnostics.length, text).toBe(
        over ? 1 : 0,
      );
    }
    expect(codes("a: 1\nb: [1, 2, 3]\n")).toEqual(["too-large:2"]);
  });
});
