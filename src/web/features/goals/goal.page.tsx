/** The goal pages: one section per goal kind, the placeholder form, and the formats (choosers.tsx: what to choose from). */

import type { FC } from "hono/jsx";
import {
  type GoalDocument,
  type GoalKind,
  type GoalSection,
  PLACEHOLDERS,
  type PlaceholderName,
} from "../../../core/goals.js";
import type { FrameworkIndex } from "../../../core/model.js";
import { isolated } from "../../../core/text.js";
import { GoalBlock } from "../../components/goal-block.js";
import { bdi, markup } from "../../components/markup.js";
import { useLinks } from "../../components/page.js";
import { paths } from "../../links.js";
import { AreaParts, type GoalParts } from "./areas.js";
import { OtherLevels, PicksForm, PicksSummary, RolesAtLevel } from "./choosers.js";
import { fillParam, fillQuery, MAX_FILL, type ParsedPicks } from "./requests.js";

/** The plain-text and Markdown files of a goal page live in the page's folder (so a static site has them). */
export const goalFiles = {
  text: (pagePath: string) => `${pagePath}goals.txt`,
  markdown: (pagePath: string) => `${pagePath}goals.md`,
};

export const KIND_LABEL: Record<GoalKind, string> = {
  smart: "SMART",
  okr: "OKRs",
  mbo: "MBO",
  scorecard: "Scorecard",
};

export const PLACEHOLDER_LABEL: Record<PlaceholderName, string> = {
  baseline: "Baseline",
  target: "Target",
  date: "Date",
};

export const PLACEHOLDER_HINT: Record<PlaceholderName, string> = {
  baseline: "where things stand today, e.g. a number or a short description",
  target: "where they should be, in the same terms as the baseline",
  date: "when the goal is due",
};

/**
 * The GET parameter that fills a placeholder. On the personal page `target` already names the target level
 * (the mirror's own parameter), so the ⟨target⟩ placeholder is filled by `target-value` there.
 */

/**
 * The page's kicker and title, each name set by `name`: isolated between U+2068 and U+2069 for plain text
 * (the page's title, a crumb), `bdi` for the heading's HTML, which then escapes every text it holds.
 */
export function goalHeading(doc: GoalDocument, name = isolated): { kicker: string; title: string } {
  const s = doc.subject;
  // the level as the framework codes it, "P4 — Senior", where it has a code
  const level = "levelCode" in s && s.levelCode ? `${name(s.levelCode)} — ${name(s.levelName)}` : undefined;
  const framework = name(doc.framework.name);
  if (s.type === "role-level")
    return {
      kicker: `${name(s.familyName)} · ${name(s.roleName)} · ${level ?? name(s.levelName)}`,
      title: `Goals for ${name(s.roleName)} at ${name(s.levelName)}`,
    };
  if (s.type === "level")
    return { kicker: `${framework} · ${level ?? name(s.levelName)}`, title: `Goals at ${name(s.levelName)}` };
  const role = s.roleName ? name(s.roleName) : undefined;
  return {
    kicker: `${framework} · your picks${role ? ` · ${role}` : ""}`,
    title: `Personal goals toward ${name(s.targetName)}${role ? ` as ${role}` : ""}`,
  };
}

export const KindSection: FC<{ index: FrameworkIndex; doc: GoalDocument; section: GoalSection }> = ({
  index,
  doc,
  section,
}) => {
  const count = section.groups.reduce((n, g) => n + g.goals.length, 0);
  let n = 0;
  return (
    <section
      id={section.kind}
      class="goals-kind"
      data-goals-panel={section.kind}
      data-label={KIND_LABEL[section.kind]}
      aria-labelledby={`${section.kind}-h`}
    >
      <div class="goals-kind-head">
        <h2 id={`${section.kind}-h`} class="goals-kind-title">
          {section.title}
        </h2>
        {count ? (
          <button type="button" class="copy no-print" data-copy="kind" hidden>
            {`Copy all ${count}`}
            <span class="visually-hidden">{` ${KIND_LABEL[section.kind]}`}</span>
          </button>
        ) : null}
      </div>
      <p class="goals-kind-intro">{section.intro}</p>
      {count === 0 ? (
        <p class="meta">The framework has nothing to quote for this kind here, so there are no rows.</p>
      ) : null}
      {section.groups.map((group) =>
        group.goals.length ? (
          <div class="goal-group" data-goal-group>
            {group.title ? <h3 class="goal-group-title">{group.title}</h3> : null}
            {group.goals.map((goal, i) => {
              n++;
              return (
                <GoalBlock
                  index={index}
                  kind={section.kind}
                  n={i + 1}
                  goal={goal}
                  filled={doc.filled}
                  heading={group.title ? 4 : 3}
                  position={`${KIND_LABEL[section.kind]} ${n} of ${count}`}
                />
              );
            })}
          </div>
        ) : null,
      )}
    </section>
  );
};

export const FillForm: FC<{ doc: GoalDocument; pagePath: string; picks?: ParsedPicks | undefined }> = ({
  doc,
  pagePath,
  picks,
}) => {
  const links = useLinks();
  const personal = doc.subject.type === "assessment";
  const used = new Set(
    doc.sections.flatMap((s) =>
      s.groups.flatMap((g) =>
        g.goals.flatMap((goal) =>
          [goal.title, ...goal.lines.map((l) => l.segments)].flatMap((segs) =>
            segs.flatMap((seg) => (seg.type === "placeholder" ? [seg.name] : [])),
          ),
        ),
      ),
    ),
  );
  const names = PLACEHOLDERS.filter((p) => used.has(p));
  if (!names.length) return null;
  return (
    <form class="goals-fill" method="get" action={links.to(pagePath)} data-goals-fill>
      <fieldset>
        <legend>Fill in the placeholders</legend>
        {picks?.input ? (
          <>
            <input
              type="hidden"
              name="pick"
              value={[...picks.given].map(([c, l]) => `${c}:${l}`).join(",")}
            />
            <input type="hidden" name="target" value={picks.input.target} />
            {picks.role !== undefined ? <input type="hidden" name="role" value={picks.role} /> : null}
          </>
        ) : null}
        <div class="goals-fields">
          {names.map((name) => {
            const value = doc.filled[name] ?? "";
            const id = `fill-${name}`;
            const dateLike = name === "date" && (value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value));
            return (
              <div class="goals-field">
                <label for={id}>{PLACEHOLDER_LABEL[name]}</label>
                <input
                  id={id}
                  name={fillParam(name, personal)}
                  type={dateLike ? "date" : "text"}
                  value={value}
                  maxlength={MAX_FILL}
                  data-fill={name}
                  aria-describedby={`${id}-hint`}
                />
                <span class="meta goals-hint" id={`${id}-hint`}>
                  {PLACEHOLDER_HINT[name]}
                </span>
              </div>
            );
          })}
        </div>
        <button type="submit" data-fill-submit>
          Fill in
        </button>
      </fieldset>
    </form>
  );
};

export const GoalPage: FC<{
  index: FrameworkIndex;
  doc: GoalDocument;
  pagePath: string;
  problems: string[];
  picks?: ParsedPicks | undefined;
  wantedKind?: string | undefined;
  parts?: GoalParts | undefined;
}> = ({ index, doc, pagePath, problems, picks, wantedKind, parts }) => {
  const s = doc.subject;
  const personal = s.type === "assessment";
  // a page in parts whose own share is empty (every goal is in an area) shows only the list of parts
  const empty = parts && doc.sections.every((x) => x.groups.every((g) => !g.goals.length));
  const sections = empty ? [] : doc.sections;
  return (
    <article
      class="goals-page"
      data-goals
      data-kind={wantedKind && sections.some((x) => x.kind === wantedKind) ? wantedKind : undefined}
    >
      <GoalHead doc={doc} part={parts?.current?.name} />
      {problems.length ? <Problems problems={problems} /> : null}
      {s.type === "role-level" ? <OtherLevels index={index} role={s.role} level={s.level} /> : null}
      {s.type === "level" || s.type === "role-level" ? (
        <RolesAtLevel index={index} level={s.level} current={s.type === "role-level" ? s.role : undefined} />
      ) : null}
      {personal && picks ? <PicksSummary index={index} picks={picks} /> : null}
      {empty ? null : <FillForm doc={doc} pagePath={pagePath} picks={picks} />}
      {parts ? <AreaParts parts={parts} /> : null}
      {sections.length > 1 ? (
        <nav class="goals-nav no-print" aria-label="Goal kinds" data-goals-nav>
          <ul>
            {sections.map((section) => (
              <li>
                <a href={`#${section.kind}`}>{section.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="goals-kinds" data-goals-kinds>
        {sections.map((section) => (
          <KindSection index={index} doc={doc} section={section} />
        ))}
      </div>
      <p class="goals-status" role="status" aria-live="polite" data-goals-status></p>
      <GoalFormats doc={doc} pagePath={parts?.wholePath ?? pagePath} picks={picks} />
      {personal && picks ? (
        <details class="goals-repick no-print">
          <summary>Change your picks</summary>
          <PicksForm index={index} picks={picks.given} target={picks.target} role={picks.role} />
        </details>
      ) : null}
    </article>
  );
};

/** The page's heading, what the templates are, and the pages its subject belongs to. */
const GoalHead: FC<{ doc: GoalDocument; part?: string | undefined }> = ({ doc, part }) => {
  const links = useLinks();
  const fw = doc.framework.id;
  const heading = goalHeading(doc, bdi);
  const s = doc.subject;
  return (
    <header class="goals-head">
      <p class="goals-kicker">{markup(heading.kicker)}</p>
      <h1>{markup(part ? `${heading.title}: ${bdi(part)}` : heading.title)}</h1>
      <div class="goals-intro">
        <p>
          Goal templates drawn from {doc.framework.name}
          {doc.framework.version ? ` (version ${doc.framework.version})` : ""}. Every line quotes the
          framework and names its source; where the framework has nothing to quote, the row is left out rather
          than invented. <mark class="placeholder sample">⟨…⟩</mark> marks a placeholder for you to fill in.
        </p>
      </div>
      <nav class="actions no-print" aria-label="Related pages">
        {s.type === "role-level" ? (
          <>
            <a href={links.to(paths.role(fw, s.role, s.level))}>{`${s.roleName} at ${s.levelName}`}</a>
            <a href={links.to(paths.level(fw, s.level))}>{`The ${s.levelName} level`}</a>
            <a href={links.to(paths.levelGoals(fw, s.level))}>{`Goals for the ${s.levelName} level alone`}</a>
          </>
        ) : s.type === "level" ? (
          <>
            <a href={links.to(paths.level(fw, s.level))}>{`The ${s.levelName} level`}</a>
            <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
          </>
        ) : (
          <>
            <a href={links.to(paths.level(fw, s.target))}>{`The ${s.targetName} level`}</a>
            <a href={links.to(paths.matrix(fw))}>Competency matrix</a>
          </>
        )}
      </nav>
    </header>
  );
};

/** Links to the same goals as text, Markdown and JSON, carrying what the reader filled in. */
const GoalFormats: FC<{ doc: GoalDocument; pagePath: string; picks?: ParsedPicks | undefined }> = ({
  doc,
  pagePath,
  picks,
}) => {
  const links = useLinks();
  const fw = doc.framework.id;
  const s = doc.subject;
  const personal = s.type === "assessment";
  const extra: [string, string][] =
    personal && picks?.input
      ? [
          ["pick", [...picks.given].map(([c, l]) => `${c}:${l}`).join(",")],
          ["target", picks.input.target],
          ...(picks.role !== undefined ? [["role", picks.role] as [string, string]] : []),
        ]
      : [];
  // the text and Markdown files are static in a published site: no query there
  const query = links.staticSite ? "" : fillQuery(doc.filled, personal, extra);
  const textHref = personal ? undefined : links.to(goalFiles.text(pagePath)) + query;
  const mdHref = personal ? undefined : links.to(goalFiles.markdown(pagePath)) + query;
  const apiPath =
    s.type === "role-level"
      ? `/api/frameworks/${fw}/roles/${s.role}/goals/${s.level}`
      : s.type === "level"
        ? `/api/frameworks/${fw}/levels/${s.level}/goals`
        : `/api/frameworks/${fw}/goals/personal`;
  return (
    <section id="formats" class="goals-formats no-print" aria-labelledby="formats-h">
      <h2 id="formats-h">Copy, print or reuse</h2>
      <ul>
        {textHref ? (
          <li>
            <a href={textHref} data-fill-link>
              Copy / print as text
            </a>
          </li>
        ) : null}
        {mdHref ? (
          <li>
            <a href={mdHref} data-fill-link>
              Markdown
            </a>
          </li>
        ) : null}
        {links.staticSite ? null : (
          <li>
            <a href={apiPath + fillQuery(doc.filled, personal, extra)} data-fill-link>
              JSON (API)
            </a>
          </li>
        )}
      </ul>
      {personal ? (
        <p class="meta">
          This page is made from your picks in its link; nothing is stored. Bookmark or share the link to come
          back to it.
        </p>
      ) : null}
    </section>
  );
};

export const Problems: FC<{ problems: string[] }> = ({ problems }) => (
  <div class="notice" role="alert" id="problems">
    <p>
      <strong>
        {problems.length === 1
          ? "One thing in the link is not right:"
          : "Some things in the link are not right:"}
      </strong>
    </p>
    <ul>
      {problems.map((p) => (
        <li>{p}</li>
      ))}
    </ul>
  </div>
);
