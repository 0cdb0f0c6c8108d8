/** The occupation codes roles are mapped to (/occupations/), and one code's roles. */
import type { FC } from "hono/jsx";
import type { OccupationData, OccupationsData } from "../../../core/views/occupations.js";
import { ClassificationTable } from "../../components/compare-sides.js";
import { Section, useLinks } from "../../components/page.js";
import { occupationSlug, paths } from "../../links.js";

export const OccupationsPage: FC<{ data: OccupationsData }> = ({ data }) => {
  const links = useLinks();
  return (
    <article class="occupations-page">
      <h1>Occupation codes</h1>
      <p>
        Every classification code a role of a loaded framework is mapped to, by scheme, with the number of
        roles mapped to it.
      </p>
      {data.schemes.length === 0 ? <p>No role has a classification code.</p> : null}
      {data.schemes.map((s) => (
        <Section id={`scheme-${s.scheme}`} title={s.schemeName}>
          <div class="table-scroll">
            <table class="occupation-table">
              <caption class="visually-hidden">{`${s.schemeName} codes used by roles`}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Occupation</th>
                  <th scope="col">Roles</th>
                </tr>
              </thead>
              <tbody>
                {s.codes.map((c) => (
                  <tr>
                    <th scope="row">
                      <a href={links.to(paths.occupation(c.scheme, c.code))}>
                        <code>{c.code}</code>
                      </a>
                    </th>
                    <td>{c.title ?? <span class="meta">title not known to rungs</span>}</td>
                    <td>{String(c.roles)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </article>
  );
};

export const GROUP_NAMES: Record<string, string> = {
  major: "Major group",
  minor: "Minor group",
  broad: "Broad occupation",
  detailed: "Detailed occupation",
};

export const OccupationPage: FC<{ data: OccupationData }> = ({ data }) => {
  const links = useLinks();
  return (
    <article class="occupation-page">
      <p class="level-kicker">
        <span class="level-code">{data.schemeName}</span>
      </p>
      <h1>{data.title ?? data.code}</h1>
      <dl class="level-facts">
        <div>
          <dt>Scheme</dt>
          <dd>{data.schemeName}</dd>
        </div>
        <div>
          <dt>Code</dt>
          <dd>
            <code>{data.code}</code>
          </dd>
        </div>
        {data.title ? (
          <div>
            <dt>Occupation</dt>
            <dd>{data.title}</dd>
          </div>
        ) : null}
      </dl>
      {data.hierarchy.length ? (
        <Section id="hierarchy" title="Where it sits">
          <ol class="occupation-path">
            {data.hierarchy.map((h) => (
              <li>
                {h.group ? <span class="meta">{`${GROUP_NAMES[h.group] ?? h.group}: `}</span> : null}
                {h.title} <code>{h.code}</code>
              </li>
            ))}
            <li aria-current="true">
              <strong>{data.title ?? data.code}</strong> <code>{data.code}</code>
            </li>
          </ol>
        </Section>
      ) : null}
      <Section id="roles" title="Roles mapped to this code">
        <ClassificationTable
          caption={`Roles mapped to ${data.schemeName} ${data.code}`}
          heads={["Role", "Framework", "Family"]}
          rows={data.roles.map((r) => ({
            lead: [
              <a href={links.to(paths.role(r.framework.id, r.role.id))}>{r.role.name}</a>,
              <a href={links.to(paths.framework(r.framework.id))}>{r.framework.name}</a>,
              r.family.name,
            ],
            match: r.match,
            sources: (r.sources ?? []).map((s) => ({
              href: `${links.to(paths.role(r.framework.id, r.role.id))}#source-${s.id}`,
              title: s.title,
            })),
            note: r.note,
          }))}
        />
      </Section>
      <p>
        <a href={links.to(paths.occupations())}>Every occupation code</a>
      </p>
    </article>
  );
};

/**
 * The code a URL slug names among the codes roles use (slugs of URIs are their last segment). The code
 * itself is accepted too, and so is the percent-encoded slug earlier versions linked to.
 */
export function codeForSlug(data: OccupationsData, scheme: string, slug: string): string | undefined {
  const codes = data.schemes.find((s) => s.scheme === scheme)?.codes ?? [];
  return codes.find((c) => occupationSlug(c.code) === slug || c.code === slug || safeDecode(slug) === c.code)
    ?.code;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
