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
