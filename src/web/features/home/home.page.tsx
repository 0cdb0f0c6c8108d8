/** The home page: a search box and a card per loaded framework. */
import type { FC } from "hono/jsx";
import type { FrameworkStats } from "../../../core/text-view.js";
import { statsLine } from "../../../core/text-view.js";
import type { FrameworkVersion } from "../../../core/version.js";
import type { AcrossPages } from "../../../services/frameworks.js";
import { Md, Page } from "../../components/page.js";
import { type Links, paths } from "../../links.js";

/** A loaded framework as the home page and GET /api/frameworks describe it (broken ones too). */
export interface FrameworkSummary {
  id: string;
  name: string;
  ok: boolean;
  version: string | undefined;
  /** Content hash, `version:` and git commit of what was loaded. */
  identity: FrameworkVersion | undefined;
  description: string | undefined;
  stats: FrameworkStats | undefined;
  errors: number;
}

export const HomePage: FC<{ frameworks: FrameworkSummary[]; across: AcrossPages; links: Links }> = ({
  frameworks,
  across,
  links,
}) => (
  <Page title="Career frameworks" links={links}>
    <h1>Career frameworks</h1>
    {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new to rely on */}
    <form class="search-hero" role="search" action={links.to(paths.search())} method="get">
      <label for="home-search">Search every level, competency, expectation and role</label>
      <div>
        <input
          id="home-search"
          type="search"
          name="q"
          placeholder="e.g. incident review, staff engineer, 15-1252"
        />
        <button type="submit">Search</button>
      </div>
    </form>
    <ul class="cards">
      {frameworks.map((fw) => (
        <li>
          <h2>
            <a href={links.to(fw.ok ? paths.framework(fw.id) : paths.diagnostics(fw.id))}>{fw.name}</a>
          </h2>
          {fw.ok ? (
            <p class="meta">
              {fw.version ? `version ${fw.version} · ` : ""}
              {fw.stats ? statsLine(fw.stats) : ""}
            </p>
          ) : (
            <p class="meta error">{`${fw.errors} error${fw.errors === 1 ? "" : "s"}: see the problems`}</p>
          )}
          <Md text={fw.description} />
        </li>
      ))}
    </ul>
    {across.equivalence || across.occupations ? (
      <nav class="actions" aria-label="Across frameworks">
        {across.equivalence ? (
          <a href={links.to(paths.equivalence())}>Level equivalence across frameworks</a>
        ) : null}
        {across.occupations ? <a href={links.to(paths.occupations())}>Occupation codes</a> : null}
      </nav>
    ) : null}
    {frameworks.length === 0 ? (
      <p>No framework is loaded. Start rungs with the path of a framework.</p>
    ) : null}
  </Page>
);
