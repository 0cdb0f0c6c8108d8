import type { FC } from "hono/jsx";
import type { Links } from "../links.js";
import { paths } from "../links.js";
import type { FrameworkRegistry } from "../registry.js";
import { Page } from "./page.js";

/** A friendly 404 or 500 with the way back; it says what was not found and nothing else. */
export const ErrorPage: FC<{
  links: Links;
  status: 404 | 500;
  registry: FrameworkRegistry;
  what?: string;
}> = ({ links, status, registry, what }) => (
  <Page title={status === 404 ? "Not found" : "Something went wrong"} links={links}>
    <h1>{status === 404 ? "Not found" : "Something went wrong"}</h1>
    <p>
      {status === 404
        ? `There is no ${what ?? "page"} here. It may have been renamed or removed from the framework.`
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
