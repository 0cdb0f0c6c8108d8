import { describe, expect, it } from "vitest";
import { attachment, FILENAME_MAX_LENGTH } from "./attachment.js";

/** The header as a client reads it back: the fallback, and the RFC 8187 name decoded. */
function parsed(header: string) {
  const m = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]*)$/.exec(header);
  if (!m) throw new Error(`not one well-formed header: ${header.slice(0, 100)}`);
  return { fallback: m[1] ?? "", name: decodeURIComponent(m[2] ?? "") };
}

describe("Content-Disposition", () => {
  it("a plain name is both the fallback and the encoded name", () => {
    expect(attachment("engineering.csv")).toBe(
      `attachment; filename="engineering.csv"; filename*=UTF-8''engineering.csv`,
    );
  });

  it("quotes, backslashes and CR/LF are removed, non-ASCII is kept encoded and `_` in the fallback", () => {
    const header = attachment('a"b\\c\r\nSet-Cookie: x=1\u0000 équipe ש.csv');
    expect(() => new Headers({ "Content-Disposition": header })).not.toThrow();
    expect(parsed(header)).toEqual({
      fallback: "abcSet-Cookie: x=1 _quipe _.csv",
      name: "abcSet-Cookie: x=1 équipe ש.csv",
    });
    expect(parsed(attachment("it's (1)*.json")).name).toBe("it's (1)*.json");
    expect(parsed(attachment("\ud800.csv")).name).toBe("\ufffd.csv");
    expect(parsed(attachment('"\r\n"')).name).toBe("download");
  });

  it("a name of 10,000 characters is cut, its extension kept", () => {
    const header = attachment(`${"é".repeat(10_000)}.xlsx`);
    const { fallback, name } = parsed(header);
    expect([...name]).toHaveLength(FILENAME_MAX_LENGTH);
    expect(name.endsWith("é.xlsx")).toBe(true);
    expect(fallback).toHaveLength(FILENAME_MAX_LENGTH);
    expect(header.length).toBeLessThan(2_000);
  });
});
