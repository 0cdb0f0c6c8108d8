import { describe, expect, it } from "vitest";
import { pageBytes } from "./html.js";
import { PageBlocks } from "./page.js";

const utf8 = new TextEncoder();

/** A page written from `pieces` (strings, or bytes as kept fragments are) in one block between two texts. */
function page(pieces: (string | Uint8Array)[], before = "<main>", after = "</main>") {
  const blocks = new PageBlocks();
  return pageBytes(`${before}${blocks.add(pieces)}${after}`, blocks, () => "");
}

describe("a page's bytes and hash", () => {
  it("writes the block's pieces where its marker is", () => {
    const written = page(["<ol>", utf8.encode("<li>one</li>"), "<li>two</li>", "</ol>"]);
    expect(Buffer.from(written.bytes).toString()).toBe("<main><ol><li>one</li><li>two</li></ol></main>");
  });

  it("hashes alike only what is written alike: any byte of a text or of a kept piece changes it", () => {
    const base = page(["<ol>", utf8.encode("<li>one</li>"), "</ol>"]).hash();
    // the same bytes in another kept piece (a row made again) hash the same
    expect(page(["<ol>", utf8.encode("<li>one</li>"), "</ol>"]).hash()).toBe(base);
    expect(page(["<ol>", utf8.encode("<li>One</li>"), "</ol>"]).hash()).not.toBe(base);
    expect(page(["<ol>", utf8.encode("<li>one</li>"), "</ul>"]).hash()).not.toBe(base);
    expect(page(["<ol>", utf8.encode("<li>one</li>"), "</ol>"], "<main >").hash()).not.toBe(base);
    // where one text ends and the next piece begins is part of what is hashed, not only the bytes
    expect(page(["<ol><li>one</li></ol>"]).hash()).not.toBe(base);
    expect(base).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it("a kept piece written by two pages hashes alike in both, and as its bytes", () => {
    const row = utf8.encode("<tr><td>kept</td></tr>");
    const first = page(["<table>", row, "</table>"]).hash();
    const second = page(["<table>", row, "</table>"]).hash();
    expect(second).toBe(first);
    // the piece's bytes are what its hash stands for: a page that writes other bytes differs
    expect(page(["<table>", utf8.encode("<tr><td>kepT</td></tr>"), "</table>"]).hash()).not.toBe(first);
  });
});
