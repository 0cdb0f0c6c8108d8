/**
 * A moment shown the one way every page shows it: the server writes it in UTC (`2030-01-01 08:00 UTC`, the
 * same bytes on every machine, so cached pages and golden files hold), and the local-time island, which every
 * page loads, rewrites it in the viewer's locale and time zone, relative ("in 3 days") where asked. The exact
 * moment stays in `datetime` and in the tooltip.
 */
import type { FC } from "hono/jsx";

/** Dates as people read them, the same on every machine: `2030-01-01 08:00 UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export interface WhenProps {
  at: Date;
  /** "relative": "3 days ago" (the full date in the tooltip); "date": the day alone; default: day and time. */
  show?: "relative" | "date" | "datetime";
  /** Words before the time in the tooltip, e.g. "Expires". */
  label?: string;
}

export const When: FC<WhenProps> = ({ at, show = "datetime", label }) => {
  const utc = show === "date" ? at.toISOString().slice(0, 10) : formatUtc(at);
  return (
    <time
      datetime={at.toISOString()}
      data-local={show}
      title={label ? `${label} ${formatUtc(at)}` : formatUtc(at)}
    >
      {utc}
    </time>
  );
};
