import { describe, expect, it } from "vitest";
import { occupationSlug, paths } from "./links.js";
import { outputFile } from "./site-map.js";

describe("occupation slugs", () => {
  it("keep a plain code as it is and a URI by its last segment", () => {
    expect(occupationSlug("15-1252")).toBe("15-1252");
    expect(occupationSlug("15-1252.00")).toBe("15-1252.00");
    expect(occupationSlug("http://data.europa.eu/esco/occupation/f2b15a0e-e65a")).toBe("f2b15a0e-e65a");
  });

  it("make any other code one safe segment a static server finds: no %, no slash, no dot folders", () => {
    const codes = ["DEV 2/B", "..", ".", "../../etc", "a%2Fb", "Ünïcode code", "x".repeat(300), "-lead", ""];
    const slugs = codes.map(occupationSlug);
    for (const [i, slug] of slugs.entries()) {
      expect(slug, codes[i]).toMatch(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/);
      expect(slug, codes[i]).not.toMatch(/^\.+$/);
      const file = outputFile(paths.occupation("house", codes[i] as string));
      expect(file.split("/"), codes[i]).not.toContain("..");
      expect(decodeURIComponent(file), codes[i]).toBe(file);
    }
    expect(new Set(slugs).size).toBe(codes.length);
    // two codes that differ only in what was replaced keep their own pages; the same code, the same slug
    expect(occupationSlug("DEV 2/B")).not.toBe(occupationSlug("DEV 2 B"));
    expect(occupationSlug("DEV 2/B")).toBe(occupationSlug("DEV 2/B"));
    expect(occupationSlug("DEV 2/B")).toMatch(/^DEV-2-B-[0-9a-f]{8}$/);
  });
});
