/**
 * One cell of the framework (a competency at a level) as format 2 writes it, the same on every page that
 * shows cells (level page, matrices, role profile): the statement or the text that stands for it, the step
 * of the competency's scale, the criteria with their examples and rating-band texts, and the markers for a
 * cell carried forward from the previous level or replaced by a role's own.
 */
import type { FC } from "hono/jsx";
import type { CellExtras, CriterionView } from "../../core/cells.js";
import { Md, MdList } from "./page.js";

/** "Proficiency: Fluent (step 3 of 4)". */
export const StepBadge: FC<{ step: NonNullable<CellExtras["step"]> }> = ({ step }) => (
  <p class="cell-step">
    <span class="step-name">{step.scale ? `${step.scale}: ${step.name}` : step.name}</span>
    <span class="step-position">{` (step ${step.position} of ${step.of})`}</span>
    {step.description ? (
      <span class="cell-step-description">
        {" — "}
        <Md text={step.description} inline />
      </span>
    ) : null}
  </p>
);

/**
 * Criteria, each assessed on its own: numbered, with their examples and rating-band texts. `anchor` gives a
 * criterion its element id (the level page links search results to it); `levelName` names the level a
 * carried-forward criterion was written at.
 */
export const CriteriaList: FC<{
  criteria: CriterionView[];
  anchor?: (c: CriterionView) => string;
  levelName?: (id: string) => string;
  bands?: { id: string; name: string }[];
}> = ({ criteria, anchor, levelName, bands }) => (
  <ol class="criteria">
    {criteria.map((c) => (
      <li
        id={anchor?.(c)}
        class={c.from ? "criterion carried" : "criterion"}
        data-criterion={c.key}
        data-from={c.from}
      >
        <Md text={c.text} inline />
        {c.from ? <span class="criterion-from">{` (from ${levelName?.(c.from) ?? c.from})`}</span> : null}
        {c.examples.length ? (
          <div class="criterion-examples">
            <span class="examples-label">{c.examples.length === 1 ? "Example: " : "Examples:"}</span>
            <MdList items={c.examples} />
          </div>
        ) : null}
        {Object.keys(c.ratings).length ? (
          <dl class="criterion-ratings">
            {Object.entries(c.ratings).map(([band, text]) => (
              <div>
                <dt>{bands?.find((b) => b.id === band)?.name ?? band}</dt>
                <dd>
                  <Md text={text} inline />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </li>
    ))}
  </ol>
);

/** The cell's content as one block (see the file comment). `statement` is the text written in the cell. */
export const CellContent: FC<{
  statement?: string | undefined;
  extras: CellExtras;
  levelName?: (id: string) => string;
  roleName?: (id: string) => string;
  anchor?: (c: CriterionView) => string;
  bands?: { id: string; name: string }[];
}> = ({ statement, extras, levelName, roleName, anchor, bands }) => {
  const shown = extras.statement ?? statement;
  // where only criteria or a step stand for the cell, they are shown as themselves, not as their text again
  const text = !shown && !extras.criteria?.length && !extras.step ? extras.text : undefined;
  return (
    <>
      {extras.unchangedFrom ? (
        <p class="cell-unchanged">
          <span class="marker">{`As ${levelName?.(extras.unchangedFrom) ?? extras.unchangedFrom}`}</span>
          {shown || extras.criteria?.length
            ? ", plus this level's own (carried text first)"
            : " (the previous level's expectation holds)"}
        </p>
      ) : null}
      {extras.replacedBy ? (
        <p class="cell-role">{`For ${roleName?.(extras.replacedBy) ?? extras.replacedBy}, in place of the shared expectation:`}</p>
      ) : null}
      {shown ? <Md text={shown} /> : null}
      {text ? <Md text={text} /> : null}
      {extras.step ? <StepBadge step={extras.step} /> : null}
      {extras.criteria?.length ? (
        <CriteriaList
          criteria={extras.criteria}
          {...(anchor ? { anchor } : {})}
          {...(levelName ? { levelName } : {})}
          {...(bands ? { bands } : {})}
        />
      ) : null}
    </>
  );
};
