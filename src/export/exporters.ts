/**
 * The exporters of `rungs export case|jsonld|markdown|pdf` (src/export/formats.ts lists them): each wraps its
 * pure module (or, for pdf, the local Chromium) in the one Exporter shape.
 */
import type { FrameworkIndex } from "../core/model.js";
import { firstBadText } from "../import/text-bound.js";
import { changedAt, frameworkToCase } from "./case-export.js";
import { frameworkJsonLd } from "./jsonld.js";
import { frameworkMarkdown } from "./markdown.js";
import { ExportError, type Exporter, type ExportOptions } from "./types.js";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What a whole-framework format says when asked for one level or role. */
function wholeOnly(format: string, options: ExportOptions): void {
  if (options.level !== undefined || options.role !== undefined)
    throw new ExportError(`${format} exports the whole framework: leave out --level and --role`);
}

export const caseExporter: Exporter = {
  async write(index: FrameworkIndex, options: ExportOptions) {
    wholeOnly("case", options);
    // `rungs import case` holds every text to one bound (import/text-bound.ts): no package it would refuse
    const long = firstBadText(index.framework);
    if (long)
      throw new ExportError(
        `${long.path.join(".")}: ${long.message}; shorten the text: an import of the package would refuse it`,
      );
    const pkg = frameworkToCase(index.framework, { changed: changedAt(options.changed) });
    const objects = [pkg.CFDocument, ...pkg.CFItems];
    const extended = objects.filter((o) => o.extensions?.rungs !== undefined).length;
    const cells = (pkg.CFRubrics ?? [])
      .flatMap((r) => r.CFRubricCriteria ?? [])
      .flatMap((c) => c.CFRubricCriterionLevels ?? []).length;
    return {
      files: [{ name: `${index.framework.id}.case.json`, data: json(pkg) }],
      notes: [
        `${pkg.CFItems.length} items, ${pkg.CFAssociations.length} associations, ${cells} rubric cells; ` +
          `what CASE has no field for (codes, dimensions, criteria, examples, role details…) is in extensions.rungs ` +
          `on ${extended} of ${objects.length} objects: rungs reads it back, other CASE tools ignore it`,
      ],
    };
  },
};

export const jsonLdExporter: Exporter = {
  async write(index, options) {
    wholeOnly("jsonld", options);
    return {
      files: [{ name: `${index.framework.id}.jsonld`, data: json(frameworkJsonLd(index)) }],
      notes: [],
    };
  },
};

export const markdownExporter: Exporter = {
  async write(index, options) {
    wholeOnly("markdown", options);
    const files = [...frameworkMarkdown(index)].map(([name, data]) => ({ name, data }));
    return { files, notes: [] };
  },
};

export const pdfExporter: Exporter = {
  async write(index, options) {
    const { PdfError, printPdf } = await import("./pdf.js");
    if (!options.pages) throw new ExportError("pdf needs the web app's pages to print (options.pages)");
    try {
      return { files: [await printPdf(index, options, options.pages)], notes: [] };
    } catch (error) {
      if (error instanceof PdfError) throw new ExportError(error.message);
      throw error;
    }
  },
};
