import type { FC } from "hono/jsx";
import type { FrameworkRegistry } from "../../load/registry.js";
import type { Links } from "../links.js";
import { paths } from "../links.js";
import { Page } from "./page.js";

const TITLES = { 404: "Not found", 413: "Too much sent at once", 500: "Something went wrong" } as const;

/**
 * A friendly 404, 413 or 500 with the way back; it says what was not found (or, for 413, the limit) and
 * nothing else.
 */
export const ErrorPage: FC<{
  links: Links;
  status: 404 | 413 | 500;
  registry: FrameworkRegistry;
  /** 404: what was not found; 413: the limit that applied ("64 KiB"). */
  what?: string;
}> = ({ links, status, registry, what }) => (
  <Page title={TITLES[status]} links={links}>
    <h1>{TITLES[status]}</h1>
    <p>
      {status === 404
        ? `There is no ${what ?? "page"} here. It may have been renamed or removed from the framework.`
        : status === 413
          ? `What was sent is larger than this address accepts (at most ${what ?? "the limit"}), so it was refused and nothing was changed. Send less at a time; to import many people, split the file.`
          : "The page could not be shown. The problem has been logged; please try again."}
    </p>
    <p>
      <a href={links.to(paths.home())}>All frameworks</a> · <a href={links.to(paths.search())}>Search</a>
    </p>
    {registry.list().length ? (
      <ul>
        {registry.list().map((fw) => (
          <li>
            <a href={links.to(paths.framework(fw.id))}>{fw.index?.framework.name ?? fw.id}</a>
          </li>
        ))}
      </ul>
    ) : null}
  </Page>
);
