/** Previous / "Page n of m" / next under a paged list; nothing when everything fits on one page. */
import type { FC } from "hono/jsx";

export const Pager: FC<{
  page: number;
  pages: number;
  /** The address of page `n` (the rest of the query kept). */
  href: (n: number) => string;
  /** What is paged, for the navigation's name ("Pages of results"). */
  label: string;
  class?: string;
}> = ({ page, pages, href, label, class: className = "pager" }) =>
  pages > 1 ? (
    <nav class={className} aria-label={label}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          Previous page
        </a>
      ) : null}
      <span>{`Page ${page} of ${pages}`}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          Next page
        </a>
      ) : null}
    </nav>
  ) : null;
