/**
 * Monzo pages as they are published: topics named only by their title or by nothing, criteria written
 * as something other than text, and text pages (`yaml: false`) whose levels are markdown headings.
 */
import { describe, expect, it } from "vitest";
import { runImport } from "../src/import/run.js";
import { formatBends, ImportError } from "../src/import/types.js";

const page = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const imported = (name: string, text: string) => runImport("monzo", [page(name, text)], {});
const refused = async (name: string, text: string) => {
  const error = await imported(name, text).catch((e) => e);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
};
const areaText = (run: Awaited<ReturnType<typeof imported>>) =>
  run.files
    .filter((f) => f.path.startsWith("areas/"))
    .map((f) => f.text)
    .join("\n");

describe("monzo: topics without a name", () => {
  it("a topic with an empty name is one error at the topic, not also 'no topics'", async () => {
    const front =
      "---\ntitle: X\nlevels: 1\ntopics:\n  - name: ''\n    content:\n      - level: 1\n        criteria: [c]\n---\n";
    expect(await refused("empty.md", front)).toBe("empty.md:5: a topic without a name or a title (name:)");
  });

  it("a topic with no name but a title is named by its title (a guessed bend)", async () => {
    const front =
      "---\ntitle: X\nlevels: 1\ntopics:\n  - name:\n    title: 🧪 Testing\n    content:\n      - level: 1\n        criteria: [Writes a test]\n---\n";
    const run = await imported("titled.md", front);
    expect(areaText(run)).toContain("  - id: testing\n    name: 🧪 Testing\n");
    expect(formatBends(run.bends)).toContain(
      'guessed  titled.md:5: a topic without a name is named by its title "🧪 Testing": testing',
    );
  });
});

describe("monzo: criteria that are not text", () => {
  const front = (criteria: string) =>
    `---\ntitle: X\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria:\n${criteria}---\n`;

  it("an example criterion written among the criteria is read as one", async () => {
    const run = await imported(
      "nested.md",
      front("          - Plain one\n          - criteria: Nested one\n            examples: [An example]\n"),
    );
    expect(areaText(run)).toContain(
      "- Plain one\n              - text: Nested one\n                examples:\n                  - An example\n",
    );
    expect(formatBends(run.bends)).toContain(
      "guessed  nested.md:10: topic a at level 1: a criterion written as { criteria, examples } is read as an example criterion",
    );
  });

  it("a criterion that is a mapping of other keys, a list or empty is named for what it is", async () => {
    const message = await refused(
      "odd.md",
      front("          - { text: A thing }\n          - [one, two]\n          - Fine\n"),
    );
    expect(message).toBe(
      "odd.md:9: topic a at level 1: a criterion is a mapping (text), not text: write it as a string, or under exampleCriteria as { criteria, examples }\n" +
        "odd.md:10: topic a at level 1: a criterion is a list, not text: write it as a string, or under exampleCriteria as { criteria, examples }",
    );
    const run = await imported("blank.md", front("          -\n          - Fine\n"));
    expect(formatBends(run.bends)).toContain("dropped  blank.md:9: topic a at level 1: an empty criterion");
  });

  it("a number or true/false written as a criterion is read as its text", async () => {
    const run = await imported("num.md", front("          - 42\n          - true\n"));
    expect(areaText(run)).toContain('- "42"\n              - "true"\n');
  });
});

describe("monzo: a text page (yaml: false) is read from its headings and bullets", () => {
  const textPage = (body: string) =>
    `---\npath: "/ops/lead"\ntitle: Lead\nyaml: false\nlevels: null\n---\n${body}`;

  it("a page with no level heading is refused, saying what it lacks", async () => {
    expect(await refused("prose.md", textPage("Just words about leading.\n"))).toBe(
      'prose.md:4: a text page (yaml: false) without a "## Level N" heading: its levels are prose the importer cannot read',
    );
    expect(await refused("far.md", textPage("## Level 31\n### A\n* b\n"))).toBe(
      'far.md:4: a text page (yaml: false) with a "## Level 31" heading: levels go from 1 to 30',
    );
  });

  it("a bullet under no topic, and a second heading for one level, are bends at their lines", async () => {
    const run = await imported(
      "loose.md",
      textPage("## Level 1\n* Loose\n### Care\n* Kind\n## Level 1\n### Care\n* Kinder\n"),
    );
    expect(formatBends(run.bends)).toEqual([
      'dropped  loose.md:8: a line that is under no ### topic heading is not read: "* Loose"',
      "merged   loose.md:11: level 1 has a second heading: what is under it is read with the first's",
      'guessed  loose.md:4: a text page (yaml: false): levels 1…1 are read from its "## Level" headings, areas from "###", their descriptions from "####", competencies from bold lines, criteria from bullets',
    ]);
    expect(areaText(run)).toContain(
      "level-1:\n            criteria:\n              - Kind\n              - Kinder\n",
    );
  });

  it("with the generic framework, it extends it from its first level", async () => {
    const generic =
      "---\npath: /generic\ntitle: Generic\nlevels: 4\ntopics:\n  - name: care\n    title: Care\n    content:\n      - level: 1\n        criteria: [Is kind]\n---\n";
    const run = await runImport(
      "monzo",
      [
        page("generic.md", generic),
        page("lead.md", textPage("## Level 3\n### Care\n**Rota**\n* Plans it\n")),
      ],
      {},
    );
    const framework = run.files.find((f) => f.path === "ops-lead/framework.yaml")?.text ?? "";
    expect(framework).toContain("extends: ../generic\n");
    expect(framework).not.toContain("levels:");
    const area = run.files.find((f) => f.path.startsWith("ops-lead/areas/"))?.text ?? "";
    expect(area).toContain("- id: rota\n        name: Rota\n        expectations:\n          level-3:\n");
  });

  it("hostile: 100,000 bullets, and a bold line and a heading of 100,000 characters, read in one pass", async () => {
    const started = process.cpuUsage();
    const bullets = "* Does it\n".repeat(100_000);
    expect(await refused("many.md", textPage(`## Level 1\n### Care\n${bullets}`))).toBe(
      "many.md:8: competency care at level level-1: 100,000 criteria, more than the 100 a cell may hold",
    );
    const long = `## Level 1\n### ${"#".repeat(100_000)} x\n**${"*".repeat(100_000)}a\n* ${" ".repeat(100_000)}b\n`;
    const odd = await imported("long.md", textPage(long));
    expect(odd.stats.levels).toBe(1);
    const cpu = process.cpuUsage(started);
    // the check refused the cell after ~5 s of laying it out and checking it
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_000);
  });
});

describe("monzo and ft: a list of one written as its item", () => {
  it("criteria or examples given as one text, not a list, are read as that one", async () => {
    const monzo = await imported(
      "one.md",
      "---\ntitle: X\nlevels: 1\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: Finishes what they start\n        exampleCriteria:\n          - criteria: Ships it\n            examples: Released on a Friday, carefully\n---\n",
    );
    expect(areaText(monzo)).toContain(
      "- Finishes what they start\n              - text: Ships it\n                examples:\n                  - Released on a Friday, carefully\n",
    );
    const ft = await runImport(
      "ft",
      [
        page(
          "f.yml",
          "name: X\nlevels:\n  - id: a\nthemes:\n  - id: t\ncompetencies:\n  - level: a\n    theme: t\n    summary: S\n    examples: One example\n",
        ),
      ],
      {},
    );
    expect(areaText(ft)).toContain("examples:\n                  - One example\n");
  });
});
