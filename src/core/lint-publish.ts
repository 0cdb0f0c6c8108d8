/**
 * The `publish-review` rule, run by `rungs check --publish` only: every source's review must pass before
 * the framework is published. A review passes when its lowest score reaches its pass mark (the review's
 * own `passMark`, else the framework's `publish.passMark`); with `publish.reviewed: true`, a source
 * without a review fails too.
 */
import type { Reporter } from "./lint-reporter.js";
import type { Framework, Source } from "./schema.js";

/** Whether a source's review passes `passMark`, and its lowest score. */
export function reviewPasses(
  source: Source,
  passMark: number | undefined,
): { passes: boolean; lowest?: number } {
  const scores = Object.values(source.review?.scores ?? {});
  if (scores.length === 0) return { passes: passMark === undefined };
  const lowest = Math.min(...scores);
  return { passes: passMark === undefined || lowest >= passMark, lowest };
}

export function checkPublish(framework: Framework, r: Reporter): void {
  const rule = framework.publish;
  for (const source of framework.sources ?? []) {
    const review = source.review;
    if (!review) {
      if (rule?.reviewed) {
        r.report(
          "publish-review",
          source,
          "id",
          `source "${source.id}" has no review, and publish.reviewed asks for one`,
          "add a review with scores 1–5 per criterion",
        );
      }
      continue;
    }
    const passMark = review.passMark ?? rule?.passMark;
    const { passes, lowest } = reviewPasses(source, passMark);
    if (passes) continue;
    r.report(
      "publish-review",
      review,
      "scores",
      lowest === undefined
        ? `source "${source.id}" has a review without scores`
        : `source "${source.id}" does not pass its review: its lowest score is ${lowest}, the pass mark ${passMark}`,
      "revise what the source backs and review it again before publishing",
    );
  }
}
