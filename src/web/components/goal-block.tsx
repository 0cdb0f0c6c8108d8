/**
 * One generated goal as the pages show it (the goal template pages and a person's growth page): its title
 * and lines with their quotes and placeholders, and links to every framework field it quotes.
 */
import type { FC } from "hono/jsx";
import {
  type Goal,
  type GoalDocument,
  type GoalKind,
  type PlaceholderName,
  type Segment,
  type SourceRef,
  sourceLabel,
  sourceRefLabel,
} from "../../core/goals.js";
import { humanSourceLabel } from "../../core/goals-labels.js";
import { goalSources } from "../../core/goals-sources.js";
import type { FrameworkIndex } from "../../core/model.js";
import { paths } from "../links.js";
import { Md, useLinks } from "./page.js";

/** Where the field a source names is shown in the web app (undefined for fields without a page of their own). */
function sourceHref(fw: string, ref: SourceRef): string | undefined {
  switch (ref.kind) {
    case "role-responsibility":
      return paths.role(fw, ref.role, ref.level);
    case "level-responsibility":
      return `${paths.level(fw, ref.level)}#responsibilities`;
    case "expectation":
      return `${paths.level(fw, ref.level)}#exp-${ref.competency}`;
    case "level-dimension":
      return `${paths.level(fw, ref.level)}#dim-${ref.dimension}`;
    case "level-name":
      return paths.level(fw, ref.level);
    case "role-name":
      return paths.role(fw, ref.role);
    case "competency-name":
      return `${paths.matrix(fw)}#competency-${ref.competency}`;
    case "area-name":
      return paths.area(fw, ref.area);
    default:
      return undefined;
  }
}

/** A placeholder, marked; the island keeps the same structure when it fills it in. */
const Placeholder: FC<{ name: PlaceholderName; value: string | undefined }> = ({ name, value }) => (
  <mark class={value ? "placeholder filled" : "placeholder"} data-placeholder={name}>
    <span class="ph-text" aria-hidden={value ? undefined : "true"}>
      {value ?? `⟨${name}⟩`}
    </span>
    <span class="visually-hidden">{value ? "" : `(placeholder: ${name})`}</span>
  </mark>
);

const Segments: FC<{ segments: Segment[]; filled: GoalDocument["filled"] }> = ({ segments, filled }) => (
  <>
    {segments.map((s) => {
      if (s.type === "text") return s.text;
      if (s.type === "placeholder") return <Placeholder name={s.name} value={filled[s.name]} />;
      return (
        <span class="quote">
          <Md text={s.text} inline />
        </span>
      );
    })}
  </>
);

const Sources: FC<{ index: FrameworkIndex; sources: SourceRef[] }> = ({ index, sources }) => {
  const links = useLinks();
  const fw = index.framework.id;
  if (!sources.length) return null;
  return (
    <p class="goal-sources">
      <span class="goal-sources-label">{sources.length === 1 ? "Source: " : "Sources: "}</span>
      {sources.map((ref, i) => {
        const href = sourceHref(fw, ref);
        // What a reader says ("responsibility (P4)"); the id path stays as the tooltip for traceability.
        const label = humanSourceLabel(index, ref);
        const path = sourceLabel(index, ref);
        return (
          <>
            {i > 0 ? "; " : ""}
            {href ? (
              <a class="goal-source" href={links.to(href)} title={path}>
                {label}
              </a>
            ) : (
              <span class="goal-source" title={path}>
                {label}
              </span>
            )}
          </>
        );
      })}
    </p>
  );
};

/** How a goal is numbered, as in the text file: "Objective 2:", "Area 1:", or "3.". */
function goalNumber(kind: GoalKind, n: number): string {
  return kind === "okr" ? `Objective ${n}:` : kind === "mbo" ? `Area ${n}:` : `${n}.`;
}

/** Source labels joined, for the copy button's `[source: …]` (the same as the text file's). */
function labels(refs: SourceRef[]): string {
  return refs.map((ref) => sourceRefLabel(ref)).join("; ");
}

export const GoalBlock: FC<{
  index: FrameworkIndex;
  kind: GoalKind;
  n: number;
  goal: Goal;
  filled: GoalDocument["filled"];
  heading: 3 | 4;
  position: string;
}> = ({ index, kind, n, goal, filled, heading, position }) => {
  const title = (
    <>
      <span class="goal-n">{`${goalNumber(kind, n)} `}</span>
      <Segments segments={goal.title} filled={filled} />
    </>
  );
  const onTitle = new Set(goal.sources.map((ref) => sourceRefLabel(ref)));
  const attrs = { class: "goal-title", id: `${goal.id}-h`, "data-sources": labels(goal.sources) };
  return (
    <article class="goal" id={goal.id} data-goal aria-labelledby={`${goal.id}-h`}>
      <div class="goal-head">
        {heading === 4 ? <h4 {...attrs}>{title}</h4> : <h3 {...attrs}>{title}</h3>}
        <button type="button" class="secondary copy no-print" data-copy="goal" hidden>
          Copy<span class="visually-hidden">{` ${position}`}</span>
        </button>
      </div>
      <dl class="goal-lines">
        {goal.lines.map((line) => (
          <div
            class="goal-line"
            data-sources={labels(line.sources.filter((ref) => !onTitle.has(sourceRefLabel(ref))))}
          >
            <dt>{line.label}</dt>
            <dd>
              <Segments segments={line.segments} filled={filled} />
            </dd>
          </div>
        ))}
      </dl>
      <Sources index={index} sources={goalSources(goal)} />
    </article>
  );
};
