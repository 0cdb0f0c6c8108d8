import { describe, expect, it } from "vitest";
import { LinkedText, linkedParts } from "./linked-text.js";

const links = (text: string) => linkedParts(text).flatMap((p) => (p.href === undefined ? [] : [p.href]));

describe("URLs in evidence become links", () => {
  it("links http and https addresses, leaving a sentence's punctuation and an unopened bracket out", () => {
    expect(links("See https://example.com/design-doc, and (http://example.org/a_(b)).")).toEqual([
      "https://example.com/design-doc",
      "http://example.org/a_(b)",
    ]);
    expect(linkedParts("PR: https://example.com/pr/12!").map((p) => p.text)).toEqual([
      "PR: ",
      "https://example.com/pr/12",
      "!",
    ]);
    expect(linkedParts("no address here")).toEqual([{ text: "no address here" }]);
  });

  it("never links another scheme, and escapes quotes and angle brackets around an address", () => {
    const hostile = `javascript:alert(1) data:text/html,<script>x</script> JAVASCRIPT://example.com/%0Aalert(1) http:// https://" https://example.com/?q="'><svg/onload=alert(1)>`;
    expect(links(hostile)).toEqual(["https://example.com/?q="]);
    const html = String(<LinkedText text={hostile} />);
    expect(html).not.toMatch(/<script|<svg|href="(javascript|data)/i);
    expect(html).toContain(
      `<a href="https://example.com/?q=" rel="noopener noreferrer nofollow ugc">https://example.com/?q=</a>&quot;&#39;&gt;&lt;svg`,
    );
    // the whole text is there, escaped: nothing written is lost
    expect(html.replace(/<\/?(a|p)\b[^>]*>/g, "")).toBe(
      hostile
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;"),
    );
  });

  it("takes a 10,000-character address whole, and 100,000 addresses in linear time", () => {
    const long = `https://example.com/${"a".repeat(10_000)}`;
    expect(links(`before ${long} after`)).toEqual([long]);
    const many = Array.from({ length: 100_000 }, (_, i) => `https://e.com/${i}`).join(" ");
    const closing = `https://e.com/${")".repeat(100_000)}`;
    const started = process.cpuUsage();
    expect(links(many)).toHaveLength(100_000);
    expect(links(closing)).toEqual(["https://e.com/"]);
    expect(links("h".repeat(100_000) + "ttp:".repeat(100_000))).toEqual([]);
    const used = process.cpuUsage(started);
    // linear work is well under a second of CPU; a quadratic scan of 100,000 brackets takes minutes
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
  });
});
