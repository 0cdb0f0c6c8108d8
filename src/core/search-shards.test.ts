import { beforeAll, describe, expect, it } from "vitest";
import { exampleApp } from "../../test/support/app.js";
import { buildSearchDocuments, createSearchIndex, type SearchIndex, searchIndex } from "./search.js";
import { type SearchIndexParts, searchInParts, splitSearchIndex, termShardKey } from "./search-shards.js";

let index: SearchIndex;
let split: SearchIndexParts;

beforeAll(async () => {
  const { registry } = await exampleApp();
  const frameworks = registry.list().flatMap((fw) => (fw.index ? [{ id: fw.id, index: fw.index }] : []));
  index = createSearchIndex(buildSearchDocuments(frameworks));
  // small chunks, so the examples' results spread over many of them
  split = splitSearchIndex(index, 16);
});

/** A search through the parts, as the browser runs it, recording which parts it asked for. */
async function partsSearch(query: string, limit = 50) {
  const asked: string[] = [];
  // through JSON, as the scripts carry them
  const copy = new Map([...split.parts].map(([name, part]) => [name, JSON.parse(JSON.stringify(part))]));
  const head = JSON.parse(JSON.stringify(split.head));
  const outcome = await searchInParts(head, query, limit, async (name) => {
    asked.push(name);
    if (!copy.has(name)) throw new Error(`no part ${name}`);
    return copy.get(name);
  });
  return { outcome, asked };
}

describe("the search index in parts", () => {
  it("finds what the whole index finds, in the same order with the same snippets", async () => {
    for (const query of [
      "incident review",
      "staff engineer",
      "15-1252",
      "Code & design quality",
      "incidnet",
      "nicident",
      "rveiew",
      "mento",
      "team",
      "backend developer",
      "zzzz nothing",
    ]) {
      const { outcome } = await partsSearch(query);
      expect(outcome, query).toEqual(searchIndex(index, query, 50));
    }
  });

  it("loads only the term parts of the query's words, across a part boundary", async () => {
    // "incident" and "review" are in different parts (in, re); "reviewer" and "review" share one
    expect(termShardKey("incident")).toBe("in");
    expect(termShardKey("review")).toBe("re");
    // (and a typo in the first letters still finds the word: its part is found in the head's term list)
    const { outcome, asked } = await partsSearch("incident review");
    const terms = asked.filter((name) => name.startsWith("t-"));
    expect(terms).toContain("t-in");
    expect(terms).toContain("t-re");
    // (and the parts of the words one typo away, such as "precedent"), far from all of them
    const all = [...split.parts.keys()].filter((name) => name.startsWith("t-"));
    expect(terms.length).toBeLessThan(all.length / 10);
    // results need both parts: documents with every word come first
    expect(outcome.results[0]?.snippet).toMatch(/<mark>[Ii]ncident.*<mark>[Rr]eview/s);
    // a word of one letter and a stop word: the one-letter part, and nothing for "the"
    expect((await partsSearch("the")).asked).toEqual([]);
  });

  it("loads only the document chunks of the results it shows", async () => {
    const { outcome, asked } = await partsSearch("team", 5);
    const chunks = asked.filter((name) => name.startsWith("d-"));
    const expected = new Set(
      searchIndex(index, "team", 5).results.map((r) => {
        const id = index.docs.findIndex((d) => d.url === r.url && d.title === r.title);
        return `d-${Math.floor(id / 16)}`;
      }),
    );
    expect(new Set(chunks)).toEqual(expected);
    expect(chunks.length).toBeLessThanOrEqual(5);
    expect(outcome.total).toBeGreaterThan(5);
    expect(split.head.chunks).toBe(Math.ceil(index.docs.length / 16));
  });

  it("the head holds neither postings nor texts, and a part that will not load fails the search", async () => {
    const head = JSON.stringify(split.head);
    const doc = index.docs.find((d) => d.body.length > 100);
    expect(head).not.toContain(doc?.body.slice(0, 40));
    expect(head).not.toContain(doc?.url);
    expect(head.length).toBeLessThan(JSON.stringify(index.mini.toJSON()).length / 4);
    const failing = searchInParts(split.head, "incident", 10, async () => {
      throw new Error("offline");
    });
    await expect(failing).rejects.toThrow("offline");
  });

  it("spells a part's name safely for a file whatever the letters", () => {
    expect(termShardKey("x")).toBe("x");
    expect(termShardKey("15-1252")).toBe("15");
    expect(termShardKey("øre")).toBe("uf8-72");
    expect(termShardKey("日本語")).toBe("u65e5-672c");
  });
});
