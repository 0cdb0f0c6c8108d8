/** Parts both cross-framework comparisons show: where each side sits on the reference scale. */

import type { FC } from "hono/jsx";
import { isolated } from "../../../core/text.js";
import type { ReferenceComparison, ReferencePlacement } from "../../../core/views/architecture.js";
import { stepsText } from "../../components/equivalent-levels.js";
import { Md, useLinks } from "../../components/page.js";
import { paths } from "../../links.js";

export const Placement: FC<{ reference: ReferencePlacement | undefined }> = ({ reference }) => {
  const links = useLinks();
  if (!reference) return <span class="meta">Not placed on the reference scale.</span>;
  return (
    <>
      <a href={links.to(`${paths.equivalence()}#step-${reference.from}`)}>
        {`${stepsText(reference).replace(/^s/, "S")}: ${reference.steps.map((s) => isolated(s.name)).join(" to ")}`}
      </a>
      {` (${reference.match} match)`}
      {reference.note ? (
        <div class="meta">
          <Md text={reference.note} inline />
        </div>
      ) : null}
    </>
  );
};

/** One sentence on how two levels sit on the reference scale. */
export function referenceSentence(
  r: ReferenceComparison,
  a: { name: string; reference?: ReferencePlacement | undefined },
  b: { name: string; reference?: ReferencePlacement | undefined },
  sameFramework: boolean,
): string {
  if (!r.comparable) {
    const unplaced = [a, b].filter((x) => !x.reference).map((x) => isolated(x.name));
    return `${unplaced.join(" and ")} ${unplaced.length > 1 ? "are" : "is"} not placed on the reference scale${
      sameFramework
        ? ", so the two compare only by their order on the ladder."
        : ", so the two cannot be matched."
    }`;
  }
  if (r.overlap && a.name === b.name)
    return `Both are at ${isolated(a.name)}: ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  if (r.overlap)
    return `${isolated(a.name)} and ${isolated(b.name)} share ${stepsText(overlapOf(a.reference, b.reference))} of the reference scale.`;
  const steps = Math.abs(r.gap);
  return `${isolated(b.name)} sits ${steps} step${steps === 1 ? "" : "s"} ${r.gap > 0 ? "above" : "below"} ${isolated(a.name)} on the reference scale.`;
}

export function overlapOf(a: ReferencePlacement | undefined, b: ReferencePlacement | undefined) {
  return { from: Math.max(a?.from ?? 0, b?.from ?? 0), to: Math.min(a?.to ?? 0, b?.to ?? 0) };
}

/** Two names that may be equal: the second gets its framework (or code) so the columns can be told apart. */
export function sideNames(a: string, b: string, fa: string, fb: string): [string, string] {
  if (a !== b) return [a, b];
  return fa !== fb ? [`${a} (${fa})`, `${b} (${fb})`] : [a, `${b} (2)`];
}
