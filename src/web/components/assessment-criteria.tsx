/**
 * Criteria (format 2) in assessments: per competency, a "shown" tick for each criterion with optional
 * evidence on the form, the groups of the picked level and the next one open and the others one click away;
 * and the criteria an assessment ticked, as the assessment page and the review show them.
 */
import type { FC } from "hono/jsx";
import type { CriterionShown, FrameworkSnapshot, Pick } from "../../core/assessment.js";
import { type CriterionView, criteriaWrittenFor, roleOrFamilyName } from "../../core/cells.js";
import { levelRanks } from "../../core/ladder-layout.js";
import { competencySpan, entryOf, expectationDetail, type FrameworkIndex } from "../../core/model.js";
import { TEXT_LIMITS } from "../../store/text-limits.js";
import { LinkedText } from "./linked-text.js";
import { Md } from "./page.js";

/** The criteria written at one level of a competency. */
export interface CriteriaGroup {
  level: string;
  name: string;
  rank: number;
  criteria: CriterionView[];
}

/**
 * The criteria of a competency as `role` reads them (the shared ones, with the role's own added or in their
 * place), grouped by the level they are written at, in level order. A criterion a later level carries forward
 * (`unchanged`) is listed once, where it is written; one the file rewords at each level under the same id is
 * one per level (a tick names the level and the key).
 */
export function criteriaByLevel(
  index: FrameworkIndex,
  competencyId: string,
  role: string | null | undefined,
): CriteriaGroup[] {
  const ref = index.competencies.get(competencyId);
  if (!ref) return [];
  const span = new Set(competencySpan(index, ref.competency, ref.area));
  const ranks = levelRanks(index);
  const groups: CriteriaGroup[] = [];
  for (const level of index.levelOrder) {
    if (!span.has(level)) continue;
    const detail = expectationDetail(entryOf(ref.competency.expectations, level));
    if (!detail || detail.notApplicable) continue;
    const criteria = criteriaWrittenFor(index, detail, level, role ?? undefined);
    if (!criteria.length) continue;
    groups.push({
      level,
      name: index.levels.get(level)?.name ?? level,
      rank: ranks.get(level) ?? 0,
      criteria,
    });
  }
  return groups;
}

/** Where a tick's text is looked up: its level and key. */
const textKey = (level: string, key: string) => `${level}\u0000${key}`;

export type CriterionTexts = ReadonlyMap<string, { text: string; level: string }>;

/**
 * The text and level name of each criterion of a competency, by level and key, from a snapshot (the frozen
 * one of a submitted assessment, the live one of a draft): every role's own criteria too, named with their
 * role, so a tick reads the same whoever looks and whatever the person's role is now. Empty for a snapshot
 * frozen before criteria were kept.
 */
export function snapshotCriterionTexts(snapshot: FrameworkSnapshot, competencyId: string): CriterionTexts {
  const competency = snapshot.competencies.find((c) => c.id === competencyId);
  const names = new Map(snapshot.levels.map((l) => [l.id, l.name]));
  // a role's criterion under a shared one's key is the same tick: the shared text names it (listed last, kept)
  const entries = Object.entries(competency?.criteria ?? {}).flatMap(([level, list]) => {
    const name = names.get(level) ?? level;
    return [...list.filter((c) => c.role), ...list.filter((c) => !c.role)].map(
      (c) => [textKey(level, c.key), { text: c.text, level: c.role ? `${name} · ${c.role}` : name }] as const,
    );
  });
  return new Map(entries);
}

/** The groups shown first: the picked level's (else the person's own) and the next rank's, and any with a tick. */
function nearGroups(groups: CriteriaGroup[], rank: number | undefined, ticked: ReadonlySet<string>) {
  const near = (g: CriteriaGroup, i: number) =>
    g.criteria.some((c) => ticked.has(textKey(g.level, c.key))) ||
    (rank === undefined ? i < 2 : g.rank === rank || g.rank === rank + 1);
  return {
    near: groups.filter(near),
    others: groups.filter((g, i) => !near(g, i)),
  };
}

interface CriteriaTicksProps {
  index: FrameworkIndex;
  competency: string;
  pick: Pick | undefined;
  /** The person's own level: its criteria are shown first until a level is picked. */
  current: string | null;
  /** The person's role: its own criteria are offered beside (or in place of) the shared ones. */
  role: string | null;
  problems: string[];
}

/**
 * The criteria of one competency to tick as shown, each with an evidence box. Without JavaScript the groups
 * open are those of the saved pick; the assessment island moves them as the pick changes.
 */
export const CriteriaTicks: FC<CriteriaTicksProps> = (props) => {
  const { index, competency, pick, current, problems } = props;
  const groups = criteriaByLevel(index, competency, props.role);
  if (!groups.length) return null;
  const ranks = levelRanks(index);
  const around = pick?.level ?? current;
  const rank = around ? ranks.get(around) : undefined;
  const shown = new Map((pick?.criteria ?? []).map((c) => [textKey(c.level, c.criterion), c]));
  const { near, others } = nearGroups(groups, rank, new Set(shown.keys()));
  const group = (g: CriteriaGroup) => (
    <fieldset class="criteria-group" data-level={g.level} data-rank={String(g.rank)}>
      <legend>
        Criteria at <bdi>{g.name}</bdi>
      </legend>
      <ul>
        {g.criteria.map((c) => (
          <CriterionTick
            competency={competency}
            level={g.level}
            criterion={c}
            whose={c.role ? roleOrFamilyName(index, c.role) : undefined}
            shown={shown.get(textKey(g.level, c.key))}
          />
        ))}
      </ul>
    </fieldset>
  );
  return (
    <div class={problems.length ? "criteria-ticks invalid" : "criteria-ticks"}>
      <p class="hint">Tick each criterion that was shown; evidence is optional.</p>
      {problems.length ? <p class="field-problem">{problems.join(" ")}</p> : null}
      <div class="criteria-near">{near.map(group)}</div>
      <details class="criteria-more" hidden={others.length === 0}>
        <summary>
          Criteria of other levels (<span class="criteria-more-count">{String(others.length)}</span>)
        </summary>
        <div class="criteria-others">{others.map(group)}</div>
      </details>
    </div>
  );
};

const CriterionTick: FC<{
  competency: string;
  level: string;
  criterion: CriterionView;
  /** The role (or family) whose own criterion this is. */
  whose: string | undefined;
  shown: CriterionShown | undefined;
}> = ({ competency, level, criterion: c, whose, shown }) => {
  const id = `assess-crit-${competency}--${level}--${c.key}`;
  return (
    <li class="criterion-tick">
      <input
        type="checkbox"
        id={id}
        name={`shown.${competency}.${level}.${c.key}`}
        value="shown"
        checked={shown !== undefined}
        data-criterion={c.key}
        data-level={level}
      />
      <label for={id}>
        <Md text={c.text} inline />
        {whose ? (
          <>
            {" "}
            <span class="badge">{`for ${whose}`}</span>
          </>
        ) : null}
      </label>
      {c.examples.length ? (
        <details class="criterion-examples">
          <summary>Examples</summary>
          <ul>
            {c.examples.map((e) => (
              <li>
                <Md text={e} inline />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <label class="criterion-evidence-label" for={`${id}-evidence`}>
        Evidence <span class="visually-hidden">for this criterion</span> (optional)
      </label>
      <textarea
        id={`${id}-evidence`}
        name={`criterion-evidence.${competency}.${level}.${c.key}`}
        rows={1}
        maxlength={TEXT_LIMITS.criterionEvidence}
      >
        {shown?.evidence ?? ""}
      </textarea>
    </li>
  );
};

/** The criteria an assessment ticked as shown, with their evidence (plain text, as written, URLs linked). */
export const CriteriaShown: FC<{ shown: readonly CriterionShown[]; texts: CriterionTexts }> = ({
  shown,
  texts,
}) => {
  if (!shown.length) return null;
  return (
    <div class="criteria-shown">
      <p class="criteria-shown-title">{`Criteria shown (${shown.length})`}</p>
      <ul>
        {shown.map((c) => {
          const found = texts.get(textKey(c.level, c.criterion));
          return (
            <li>
              {found === undefined ? (
                <span class="none">{`criterion ${c.criterion} (${c.level})`}</span>
              ) : (
                <>
                  <Md text={found.text} inline /> <span class="meta">{`(${found.level})`}</span>
                </>
              )}
              {c.evidence ? <LinkedText text={c.evidence} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
};

/** A comment on a competency, with who wrote it (plain text, line breaks kept, URLs linked). */
export const PickComment: FC<{ comment: string | undefined; by: string }> = ({ comment, by }) =>
  comment ? (
    <div class="pick-comment">
      <p class="pick-comment-by">{by}</p>
      <LinkedText text={comment} />
    </div>
  ) : null;
