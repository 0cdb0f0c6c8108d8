/** The "what changed" page: the known versions, a chooser of two, and the structural diff between them. */
import type { FC } from "hono/jsx";
import type { FrameworkDiff } from "../../../core/framework-diff.js";
import { FrameworkChangesTable } from "../../components/framework-diff.js";
import { Page } from "../../components/page.js";
import { type Links, paths } from "../../links.js";

/** The versions the page offers and the diff it shows (routes.tsx builds it). */
export interface ChangesData {
  framework: string;
  versions: { id: string; date?: string; subject?: string }[];
  from?: string;
  to?: string;
  diff?: FrameworkDiff;
}

const label = (v: ChangesData["versions"][number]) =>
  v.id === "current"
    ? "Current (as loaded)"
    : `${v.id.slice(0, 12)} · ${v.date?.slice(0, 10) ?? ""} · ${v.subject ?? ""}`;

const Chooser: FC<{ name: "from" | "to"; title: string; data: ChangesData }> = ({ name, title, data }) => (
  <p>
    <label for={`changes-${name}`}>{title}</label>{" "}
    <select id={`changes-${name}`} name={name}>
      {data.versions.map((v) => (
        <option value={v.id} selected={v.id === data[name]}>
          {label(v)}
        </option>
      ))}
    </select>
  </p>
);

export const ChangesPage: FC<{ data: ChangesData; links: Links }> = ({ data, links }) => {
  const name = (id: string | undefined) => (id === "current" ? "current" : (id ?? "").slice(0, 12));
  return (
    <Page
      title={`What changed · ${data.framework}`}
      links={links}
      crumbs={[
        { label: "Frameworks", href: links.to(paths.home()) },
        { label: data.framework, href: links.to(paths.framework(data.framework)) },
        { label: "What changed" },
      ]}
    >
      <h1>What changed</h1>
      {data.versions.length === 1 ? (
        <p>
          This framework's folder is not in a git repository (or has no commits), so only the loaded version
          is known. Compare two versions with <code>rungs diff OLD NEW</code>.
        </p>
      ) : (
        <form method="get" action={links.to(paths.changes(data.framework))} class="changes-chooser">
          <Chooser name="from" title="From" data={data} />
          <Chooser name="to" title="To" data={data} />
          <button type="submit">Show changes</button>
        </form>
      )}
      {data.diff ? (
        <section id="diff" aria-labelledby="diff-h">
          <h2 id="diff-h">{`From ${name(data.from)} to ${name(data.to)}`}</h2>
          <FrameworkChangesTable diff={data.diff} before={name(data.from)} after={name(data.to)} />
        </section>
      ) : null}
    </Page>
  );
};
