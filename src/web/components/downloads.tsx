/**
 * The page's downloads, and its schema.org JSON-LD: one component, one line in each page that has them
 * (matrix, level, role). The links name the formats that make sense there; the JSON-LD is the very node
 * `rungs export jsonld` writes for this level or role (the competencies' term set on the matrix), in a
 * `<script type="application/ld+json">` — a data block the browser never runs, so the Content-Security-Policy
 * has nothing to allow, and written with `<`, `>` and `&` escaped so no text in it can close the element.
 */
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../core/model.js";
import { competencyTerms, pageJsonLd, scriptSafeJson } from "../../export/jsonld.js";
import type { Links } from "../links.js";
import { exportPaths } from "./framework-exports.js";

export type DownloadsPage = { kind: "matrix" } | { kind: "level"; id: string } | { kind: "role"; id: string };

interface Download {
  label: string;
  href: string;
  /** What the file is, for the link's title. */
  about: string;
}

function downloadsOf(fw: string, page: DownloadsPage): Download[] {
  const whole = [
    {
      label: "Spreadsheet (XLSX)",
      href: exportPaths.xlsx(fw),
      about: "The whole framework: the canonical rows, and a readable matrix sheet per track",
    },
    {
      label: "CSV",
      href: exportPaths.csv(fw),
      about: "The whole framework in the canonical long layout that rungs import csv reads back",
    },
    {
      label: "CASE 1.1 (JSON)",
      href: exportPaths.casePackage(fw),
      about: "The framework as a 1EdTech CASE package, for learning and HR systems",
    },
    {
      label: "JSON-LD",
      href: exportPaths.jsonld(fw),
      about: "schema.org Occupations for every level and role, and the competencies",
    },
  ];
  if (page.kind === "matrix")
    return [
      ...whole,
      {
        label: "Markdown",
        href: exportPaths.markdownIndex(fw),
        about: "The index of the Markdown files: a page per level and role",
      },
    ];
  const markdown =
    page.kind === "level" ? exportPaths.markdownLevel(fw, page.id) : exportPaths.markdownRole(fw, page.id);
  return [
    { label: "Markdown", href: markdown, about: `This ${page.kind} as Markdown, for a wiki or a repository` },
    ...whole,
  ];
}

/** `fw` is the framework's id in URLs (the registry's, which differs from the file's when two share one). */
export const Downloads: FC<{ links: Links; fw: string; index: FrameworkIndex; page: DownloadsPage }> = ({
  links,
  fw,
  index,
  page,
}) => {
  const data =
    page.kind === "matrix"
      ? { "@context": "https://schema.org", ...competencyTerms(index) }
      : pageJsonLd(index, page.kind, page.id);
  return (
    <>
      <aside class="downloads" aria-label="Downloads">
        <h2>Download</h2>
        <ul>
          {downloadsOf(fw, page).map((d) => (
            <li>
              <a href={links.to(d.href)} title={d.about} download="">
                {d.label}
              </a>
            </li>
          ))}
        </ul>
      </aside>
      {data ? <script type="application/ld+json">{raw(scriptSafeJson(data))}</script> : null}
    </>
  );
};
