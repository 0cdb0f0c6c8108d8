/*
 * PDF through the local Chromium: a real PDF of a level (its document title is the level's title, as the
 * page has it), and the messages when no browser can be found.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_PATHS } from "../../test/support/app.js";
import { loadClean } from "../../test/support/frameworks.js";
import { indexFramework } from "../core/model.js";
import { printablePages } from "../web/print-pages.js";
import { findChromium, PdfError, printPdf } from "./pdf.js";

/** The PDF's /Title from its document information (Chromium writes it as UTF-16BE hex). */
function pdfTitle(data: Uint8Array): string {
  const text = Buffer.from(data).toString("latin1");
  const hex = /\/Title\s*<FEFF([0-9A-F]*)>/i.exec(text)?.[1] ?? "";
  return Buffer.from(hex, "hex").swap16().toString("utf16le");
}

describe("rungs export pdf", () => {
  it("prints a level to a PDF whose title is the level's", { timeout: 120_000 }, async () => {
    const index = indexFramework(await loadClean(EXAMPLE_PATHS[0] as string));
    const { name, data } = await printPdf(index, { level: "senior" }, printablePages);
    expect(name).toBe("engineering-senior.pdf");
    expect(Buffer.from(data.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pdfTitle(data)).toContain("Senior Software Engineer");
    await expect(printPdf(index, { level: "seniour" }, printablePages)).rejects.toThrow(
      /no level "seniour"; did you mean/i,
    );
  });

  it("says what to do when there is no browser", async () => {
    await expect(findChromium({ RUNGS_CHROMIUM: "/nowhere/chromium" })).rejects.toThrow(
      "RUNGS_CHROMIUM=/nowhere/chromium is not an executable file",
    );
    const none = findChromium({ PATH: "/nowhere" }, []);
    await expect(none).rejects.toBeInstanceOf(PdfError);
    await expect(none).rejects.toThrow(/no Chromium found.*set RUNGS_CHROMIUM/);
    expect(await findChromium({ PATH: "/nowhere" })).toBe("/usr/bin/chromium");
  });
});
