import { describe, expect, it } from "vitest";
import { BASE, checkYaml, located } from "../../test/support/check-yaml.js";
import { DEFAULT_LOAD_LIMITS } from "./limits.js";

describe("syntax errors point at their cause", () => {
  it("an unclosed [ is reported where it opens, and a duplicate key above it in the same run", async () => {
    const text = "rungs: 1\nid: tiny\nid: other\nname: Tiny\ntracks: [\n  { id: trunk, name: Trunk }\n";
    const result = await checkYaml(text);
    expect(located(result.diagnostics)).toEqual(["duplicate-key@3:1", "yaml-syntax@5:9"]);
    expect(result.diagnostics[1]?.message).toBe("this [ is never closed");
    expect(result.diagnostics[1]?.hint).toBe("close it with ]; everything after it was read as part of it");
    expect(result.framework).toBeUndefined();
  });

  it("an unclosed { and unclosed quotes are reported where they open", async () => {
    const brace = await checkYaml(BASE.replace("their team. }", "their team."));
    expect(located(brace.diagnostics).filter((d) => d.startsWith("yaml-syntax"))).toEqual([
      "yaml-syntax@37:20",
    ]);
    const double = await checkYaml(BASE.replace("name: Tiny", 'name: "Tiny'));
    expect(located(double.diagnostics)).toEqual(["yaml-syntax@3:7"]);
    expect(double.diagnostics[0]?.message).toBe('this " quote is never closed');
    const single = await checkYaml(BASE.replace("name: Tiny", "name: 'Tiny''s"));
    expect(located(single.diagnostics)).toEqual(["yaml-syntax@3:7"]);
    const escaped = await checkYaml(BASE.replace("name: Tiny", 'name: "Tiny\\"'));
    expect(located(escaped.diagnostics)).toEqual(["yaml-syntax@3:7"]);
  });

  it("closed quotes that end in escapes are not taken for unclosed ones", async () => {
    const result = await checkYaml(BASE.replace("name: Tiny", "name: \"Tiny \\\\\"\norganization: 'it''s'"));
    expect(result.diagnostics).toEqual([]);
    expect(result.framework?.name).toBe("Tiny \\");
    expect(result.framework?.organization).toBe("it's");
  });

  it("an error before an unclosed bracket is reported too", async () => {
    const result = await checkYaml(
      `${BASE.replace("name: Tiny", "name: Tiny\n\tdescription: tabbed")}  x: [a`,
    );
    const codes = located(result.diagnostics);
    expect(codes[0]).toBe("yaml-syntax@4:1");
    expect(codes).toContain(`yaml-syntax@${BASE.split("\n").length + 1}:6`);
  });

  it("a list item indented less than its list is one error at its dash, saying to line it up", async () => {
    const text = BASE.replace(
      "      - id: code\n",
      "      - id: lint\n        name: Lint\n        expectations: {}\n     - id: code\n",
    );
    const result = await checkYaml(text);
    expect(located(result.diagnostics)).toEqual(["yaml-syntax@34:6"]);
    expect(result.diagnostics[0]?.message).toBe('a list item ("- ") where a key was expected');
    expect(result.diagnostics[0]?.hint).toBe(
      'check the indentation: line the "-" up with the other items of its list',
    );
  });

  it("a key indented more than the one above is reported on its own line, not as text to quote", async () => {
    const result = await checkYaml(BASE.replace("        name: Code", "         name: Code"));
    expect(located(result.diagnostics)).toEqual(["yaml-syntax@32:10"]);
    expect(result.diagnostics[0]?.message).toBe(
      "this line is indented more than the line above it, so it reads as more of the value above",
    );
    expect(result.diagnostics[0]?.hint).toBe(
      "line its key up with the key above it; if it continues a text, put the whole text in quotes",
    );
  });

  it('a text holding ": " is pointed at, with the quotes that fix it', async () => {
    const result = await checkYaml(BASE.replace("name: Tiny", "name: Tiny: the small one"));
    expect(located(result.diagnostics)).toEqual(["yaml-syntax@3:7"]);
    expect(result.diagnostics[0]?.message).toBe(
      'this text holds ": ", which YAML reads as a key and its value',
    );
    expect(result.diagnostics[0]?.hint).toBe('put the whole text in quotes: "Tiny: the small one"');
    const long = await checkYaml(BASE.replace("name: Tiny", `name: Tiny: ${"x".repeat(100_000)}`));
    expect(located(long.diagnostics)).toEqual(["yaml-syntax@3:7"]);
    expect(long.diagnostics[0]?.hint).toBe('put the whole text in quotes: "…"');
  });

  it("a second document is one located error", async () => {
    const result = await checkYaml(`${BASE}---\nname: Other\n`);
    expect(located(result.diagnostics)).toEqual([`yaml-syntax@${BASE.split("\n").length}:1`]);
    expect(result.diagnostics[0]?.message).toBe("a second YAML document: a framework file holds one");
  });

  it("YAML 1.1 is refused at its directive, and what it reads as a date is not taken", async () => {
    const result = await checkYaml(`%YAML 1.1\n---\n${BASE.replace("name: Tiny", "name: 2001-12-14")}`);
    expect(located(result.diagnostics)).toEqual([
      "yaml-unsupported@1:1",
      "missing-field@3:1",
      "yaml-unsupported@5:7",
    ]);
    expect(result.diagnostics[2]?.message).toBe("a date is not supported here");
  });
});

describe("nesting depth is bounded while the text is parsed", () => {
  const depth = DEFAULT_LOAD_LIMITS.depth;

  it("a file nested within the limit is read", async () => {
    const nested = `${"[".repeat(depth - 3)}x${"]".repeat(depth - 3)}`;
    const result = await checkYaml(BASE.replace("name: Tiny", `name: Tiny\norganization: ${nested}`));
    expect(located(result.diagnostics)).toEqual(["invalid-type@4:15"]);
  });

  it("100,000 nested brackets are one located error, not a crash", async () => {
    const text = `rungs: 1\nid: deep\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    const result = await checkYaml(text);
    expect(located(result.diagnostics)).toEqual([`too-deep@3:${4 + depth}`]);
    expect(result.diagnostics[0]?.message).toBe(`mappings and lists are nested more than ${depth} deep here`);
    expect(result.framework).toBeUndefined();
  });

  it("deep block nesting and a line of dashes are bounded too", async () => {
    const block = Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
    expect((await checkYaml(`rungs: 1\nx:\n${block}\n`)).diagnostics.map((d) => d.code)).toEqual([
      "too-deep",
    ]);
    const dashes = `rungs: 1\nx: \n  ${"- ".repeat(100_000)}x\n`;
    expect((await checkYaml(dashes)).diagnostics.map((d) => d.code)).toEqual(["too-deep"]);
  });
});

describe("characters a YAML file may not hold", () => {
  it("a control character is located, counted, and the rest is still checked", async () => {
    const result = await checkYaml(
      BASE.replace("name: Tiny", "name: Ti\u0000ny\u001b[2J").replace("name: IC", "nme: IC"),
    );
    expect(located(result.diagnostics)).toEqual([
      "invalid-character@3:9",
      // `nme` for the missing `name`: one error, its hint says to rename it
      "unknown-field@8:5",
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      "the control character U+0000 is not allowed in a YAML file (and 1 more in this file)",
    );
  });

  it("bytes that were not UTF-8, a UTF-16 file and a lone surrogate are named for what they are", async () => {
    const latin1 = await checkYaml(BASE.replace("name: Tiny", "name: Caf\ufffd"));
    expect(located(latin1.diagnostics)).toEqual(["invalid-character@3:10"]);
    expect(latin1.diagnostics[0]?.message).toBe("the file is not valid UTF-8 here");
    const utf16 = await checkYaml(`\ufffd\ufffd${[...BASE].join("\u0000")}`);
    expect(utf16.diagnostics[0]?.hint).toBe("the file looks like UTF-16: save it as UTF-8");
    const surrogate = await checkYaml(BASE.replace("name: Tiny", "name: Ti\ud800ny"));
    expect(surrogate.diagnostics[0]?.message).toBe("a lone surrogate (U+D800) is not allowed in a YAML file");
  });

  it("a byte order mark, CRLF line ends and escapes in double quotes are fine", async () => {
    const result = await checkYaml(
      `\ufeff${BASE.replaceAll("\n", "\r\n").replace("name: Tiny", 'name: "Tiny\\ttab"')}`,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.framework?.name).toBe("Tiny\ttab");
  });
});
