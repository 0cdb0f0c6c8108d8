import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import { memoryFileSystem } from "./fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";
import { loadFramework } from "./load-framework.js";
import { parseSource, SourceMap } from "./yaml-source.js";

/** BASE with `extra` added after its `name:` line (line 3), so the extra lines start on line 4. */
const withLines = (extra: string) => BASE.replace("name: Tiny\n", `name: Tiny\n${extra}`);

describe("aliases are copied within bounds", () => {
  it("an alias inside the anchor it names is a located error, not a stack overflow", async () => {
    for (const value of ["&a [*a]", "&a { k: *a }", "&a [x, [y, *a]]"]) {
      const result = await checkYaml(withLines(`organization: ${value}\n`));
      const alias = result.diagnostics.find((d) => d.code === "yaml-alias");
      expect(alias?.message).toBe("*a is inside the &a it copies, so it would copy itself forever");
      expect(alias?.line).toBe(4);
    }
  });

  it("a 'billion laughs' file stops at the alias limit, located at the alias being read", async () => {
    const rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [i, name] of [..."bcdefghi"].entries()) {
      const previous = "abcdefghi"[i] as string;
      rows.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const result = await checkYaml(`${rows.join("\n")}\n${BASE}`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["too-many-aliases"]);
    expect(result.diagnostics[0]?.message).toBe(
      `more than ${DEFAULT_LOAD_LIMITS.aliases.toLocaleString("en")} aliases are read in this file`,
    );
    expect(result.diagnostics[0]?.line).toBeGreaterThan(1);
    expect(result.framework).toBeUndefined();
  });

  it("a long text copied by a few aliases stops at the size limit", async () => {
    const text = "x".repeat(300_000);
    const result = await checkYaml(withLines(`x: &big "${text}"\ny: [*big, *big, *big, *big]\n`));
    expect(located(result.diagnostics)).toEqual(["too-many-aliases@5:23"]);
    expect(result.diagnostics[0]?.message).toBe(
      "the aliases in this file copy more than 1,000,000 values and characters",
    );
  });

  it("nesting through aliases counts against the depth limit", async () => {
    const deep = (n: number, inner: string) => `${"[".repeat(n)}${inner}${"]".repeat(n)}`;
    const result = await checkYaml(withLines(`x: &a ${deep(40, "x")}\ny: ${deep(40, "*a")}\n`));
    expect(located(result.diagnostics)).toEqual(["too-deep@5:44"]);
  });

  it("an alias copies the anchor it follows in the file, even when the name is used again later", async () => {
    const text = withLines("organization: &o First\nx: &list [*o]\nversion: &o Second\ny: *list\n");
    const value = parseSource("fw.yaml", text, new SourceMap()).source.value as Record<string, unknown>;
    expect([value.organization, value.version, value.y]).toEqual(["First", "Second", ["First"]]);
  });

  it("an alias to an anchor that does not come before it is located", async () => {
    const result = await checkYaml(withLines("organization: *nowhere\n"));
    expect(located(result.diagnostics)).toEqual(["yaml-alias@4:15"]);
    expect(result.diagnostics[0]?.message).toBe("there is no anchor &nowhere before this alias");
  });
});

describe("only what YAML 1.2's core schema reads gets through", () => {
  it("!!binary, !!set, !!omap, !!timestamp and custom tags are located as not supported", async () => {
    const result = await checkYaml(
      withLines(
        "organization: !!binary aGVsbG8=\ndescription: !foo Text\nversion: !!timestamp 2001-12-14\nx: !!set { a, b }\ny: !!omap [ a: 1 ]\n",
      ),
    );
    expect(result.diagnostics.map((d) => `${d.message}@${d.line}:${d.column}`)).toEqual([
      "the tag !!binary is not supported here@4:15",
      "the tag !foo is not supported here@5:14",
      "the tag !!timestamp is not supported here@6:10",
      "the tag !!set is not supported here@7:4",
      "the tag !!omap is not supported here@8:4",
    ]);
  });

  it("a value with an unsupported tag in a list keeps the place of the entries after it", async () => {
    const result = await checkYaml(BASE.replace("follows: [junior]", "follows: [!!binary aGk=, juniour]"));
    expect(located(result.diagnostics)).toEqual([
      "yaml-unsupported@18:15",
      "invalid-type@18:24",
      "unknown-reference@18:30",
    ]);
  });

  it("core tags and the non-specific tag are fine", async () => {
    const result = await checkYaml(withLines("version: !!str 2026.1\norganization: ! Tidewater\n"));
    expect(result.diagnostics).toEqual([]);
    expect(result.framework?.version).toBe("2026.1");
  });

  it("a list or a mapping used as a key is located, never turned into text", async () => {
    const result = await checkYaml(withLines("? [a, b]\n: 1\n? { a: 1 }\n: 2\n"));
    expect(result.diagnostics.map((d) => `${d.message}@${d.line}:${d.column}`)).toEqual([
      "a list cannot be a key here@4:3",
      "a mapping cannot be a key here@6:3",
    ]);
  });

  it("keys named like Object's members stay plain data", async () => {
    const result = await loadFramework(
      "fw.yaml",
      memoryFileSystem({
        "fw.yaml": withLines("lint:\n  __proto__: off\n  constructor: warning\n  toString: info\n"),
      }),
    );
    const lint = result.framework?.lint as Record<string, unknown>;
    expect(Object.getPrototypeOf(lint)).toBe(Object.prototype);
    expect(Object.keys(lint)).toEqual(["__proto__", "constructor", "toString"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("findings are located after the file's document is let go", () => {
  // BASE ends on line 37; the area below starts on line 38
  const more = `  - id: more
    name: More
    competencies:
      - id: a
        name: A
        expectations: &same
          junior: Writes tests.
          senior: Writes tests.
      - id: b
        name: B
        expectations: *same
`;

  it("inside what an alias copies, at the anchored text; beside it, at the entry's own line", async () => {
    const result = await checkYaml(`${BASE}${more}`);
    const shown = result.diagnostics.map((d) => `${d.code} ${d.path}@${d.line}:${d.column}`);
    expect(shown).toEqual([
      "missing-expectation areas[1].competencies[0].expectations@43:9",
      "missing-expectation areas[1].competencies[0].expectations@43:9",
      "same-as-adjacent areas[1].competencies[0].expectations.senior@45:19",
      "same-as-adjacent areas[1].competencies[1].expectations.senior@45:19",
      "missing-expectation areas[1].competencies[1].expectations@48:9",
      "missing-expectation areas[1].competencies[1].expectations@48:9",
    ]);
  });
});
