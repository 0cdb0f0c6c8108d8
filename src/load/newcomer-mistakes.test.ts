/**
 * The mistakes of someone writing a first framework from docs/format.md: each is one message that says
 * where (file:line:column), what is wrong and how to fix it, and no echo of it elsewhere.
 */
import { describe, expect, it } from "vitest";
import { checkYaml } from "../../test/support/check-yaml.js";

const FIRST = `rungs: 1
id: lighthouse
name: Lighthouse Keepers
tracks:
  - { id: keep, name: Keeping, kind: trunk }
levels:
  - { id: apprentice, name: Apprentice, track: keep }
  - { id: keeper, name: Keeper, track: keep, follows: [apprentice] }
areas:
  - id: lamp
    name: The lamp
    competencies:
      - id: wicks
        name: Wick care
        expectations:
          apprentice: Trims the wick each evening under supervision.
          keeper: Plans the oil and wick supply for the whole season.
`;

/** Every diagnostic as one line: where, code, message and hint. */
async function said(files: string | Record<string, string>): Promise<string[]> {
  const { diagnostics } = await checkYaml(files);
  return diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ""}`,
  );
}

describe("a newcomer's first framework", () => {
  it("written as the docs show, checks clean", async () => {
    expect(await said(FIRST)).toEqual([]);
  });

  it("a key indented one space too far", async () => {
    expect(await said(FIRST.replace("    name: The lamp", "     name: The lamp"))).toEqual([
      "fw.yaml:11:6 yaml-syntax: this line is indented more than the line above it, so it reads as more of the value above | line its key up with the key above it; if it continues a text, put the whole text in quotes",
    ]);
  });

  it("a tab where spaces indent", async () => {
    expect(await said(FIRST.replace("      - id: wicks", "\t- id: wicks"))).toEqual([
      "fw.yaml:13:1 yaml-syntax: Tabs are not allowed as indentation | indent with spaces, not tabs",
    ]);
  });

  it("a typo in a required key is one error that names the key meant, with or without CRLF line ends", async () => {
    const typo = FIRST.replace("expectations:", "expectatons:");
    const expected = [
      'fw.yaml:15:9 unknown-field: unknown field "expectatons" | did you mean "expectations"? It is required here and missing: rename "expectatons" to "expectations"',
    ];
    expect(await said(typo)).toEqual(expected);
    expect(await said(typo.replaceAll("\n", "\r\n"))).toEqual(expected);
  });

  it("a typo in an optional key suggests it, the required fields being there", async () => {
    expect(
      await said(FIRST.replace("    name: The lamp", "    name: The lamp\n    descripton: Light.")),
    ).toEqual(['fw.yaml:12:5 unknown-field: unknown field "descripton" | did you mean "description"?']);
  });

  it("a list where a mapping is meant says to drop the dashes, and no level's expectation is called missing", async () => {
    const listed = FIRST.replace("          apprentice: Trims", "          - apprentice: Trims").replace(
      "          keeper: Plans",
      "          - keeper: Plans",
    );
    expect(await said(listed)).toEqual([
      'fw.yaml:16:11 invalid-type: expected a mapping, got a list | write one "key: value" per line without the leading "- " (a list), each key once',
    ]);
  });

  it("levels written as a mapping of id to entry: one error that shows the list entry, no echo at each use", async () => {
    const mapped = FIRST.replace(
      "  - { id: apprentice, name: Apprentice, track: keep }\n  - { id: keeper, name: Keeper, track: keep, follows: [apprentice] }",
      "  apprentice: { name: Apprentice, track: keep }\n  keeper: { name: Keeper, track: keep, follows: [apprentice] }",
    );
    expect(await said(mapped)).toEqual([
      'fw.yaml:7:3 invalid-type: expected a list, got a mapping | write a list, one "- " entry per item, the key as its id: "apprentice: { … }" becomes "- { id: apprentice, … }"',
    ]);
  });

  it("a level that follows one written below it is fine; an expectation for a level never written is not", async () => {
    const reordered = FIRST.replace(
      "  - { id: apprentice, name: Apprentice, track: keep }\n  - { id: keeper, name: Keeper, track: keep, follows: [apprentice] }",
      "  - { id: keeper, name: Keeper, track: keep, follows: [apprentice] }\n  - { id: apprentice, name: Apprentice, track: keep }",
    );
    expect(await said(reordered)).toEqual([]);
    expect(await said(FIRST.replace("          keeper: Plans", "          master: Plans"))).toEqual([
      'fw.yaml:15:9 missing-expectation: competency "wicks" has no expectation at level "keeper" | add "keeper:" under expectations, or "keeper: { notApplicable: true }"',
      'fw.yaml:17:11 unknown-reference: unknown level "master" | known: apprentice, keeper',
    ]);
  });

  it("a duplicate id points at the first", async () => {
    expect(await said(FIRST.replace("{ id: keeper, name: Keeper", "{ id: apprentice, name: Keeper"))).toEqual(
      [
        'fw.yaml:8:11 duplicate-id: duplicate level id "apprentice" | first used at fw.yaml:7:11',
        'fw.yaml:17:11 unknown-reference: unknown level "keeper" | known: apprentice',
      ],
    );
  });

  it("no rungs: line, in a file or in the folder of one, points at the file", async () => {
    const bare = FIRST.replace("rungs: 1\n", "");
    const expected = (file: string) => [
      `${file}:1:1 missing-root: this file has no \`rungs: 2\` line | the root file starts with \`rungs: 2\`, then id, name and tracks`,
    ];
    expect(await said(bare)).toEqual(expected("fw.yaml"));
    expect(await said({ "framework.yaml": bare })).toEqual(expected("fw/framework.yaml"));
    // a folder of YAML that is no framework at all is still "no framework here"
    expect((await said({ "notes.yaml": "todo: [one]\n" }))[0]).toMatch(
      /^fw:1:1 read-error: no framework here/,
    );
  });
});
