/**
 * Every <time data-local> in the viewer's locale and time zone (components/when.tsx writes them in UTC):
 * "datetime" as a medium date and a short time, "date" as the day, "relative" as "3 days ago" / "in 2 hours"
 * with the full local date in the tooltip. Loaded on every page; without JavaScript the UTC text stays.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

function relative(date: Date, now: number, format: Intl.RelativeTimeFormat): string {
  const seconds = (date.getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "minute");
}

function localize(): void {
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  const rel = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const now = Date.now();
  for (const el of document.querySelectorAll<HTMLTimeElement>("time[data-local]")) {
    const date = new Date(el.dateTime);
    if (Number.isNaN(date.getTime())) continue;
    const label = el.title.replace(/\s*\d{4}-\d{2}-\d{2}.*$/, "");
    const exact = full.format(date);
    const kind = el.dataset.local;
    el.textContent =
      kind === "relative" ? relative(date, now, rel) : kind === "date" ? day.format(date) : exact;
    el.title = label ? `${label} ${exact}` : exact;
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", localize);
else localize();
