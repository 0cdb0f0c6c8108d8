/** Sources as pages show them: title, link, publisher, and the review with whether it passes. */
import type { FrameworkIndex } from "../model.js";

export interface SourceView {
  id: string;
  title: string;
  url?: string;
  publisher?: string;
  date?: string;
  note?: string;
  review?: {
    scores: { criterion: string; score: number; passes: boolean }[];
    passMark?: number;
    /** True when every score reaches the pass mark (or there is none): the lowest score decides. */
    passes: boolean;
    reviewer?: string;
    date?: string;
  };
}

/** The sources with these ids, in the order given, each once; unknown ids left out. */
export function sourceViews(index: FrameworkIndex, ids: readonly string[] | undefined): SourceView[] {
  const publishMark = index.framework.publish?.passMark;
  return [...new Set(ids ?? [])].flatMap((id) => {
    const s = index.sources.get(id);
    if (!s) return [];
    const review = s.review;
    const passMark = review?.passMark ?? (review ? publishMark : undefined);
    const scores = Object.entries(review?.scores ?? {}).map(([criterion, score]) => ({
      criterion,
      score,
      passes: passMark === undefined || score >= passMark,
    }));
    const view: SourceView = {
      id: s.id,
      title: s.title,
      ...(s.url ? { url: s.url } : {}),
      ...(s.publisher ? { publisher: s.publisher } : {}),
      ...(s.date ? { date: s.date } : {}),
      ...(s.note ? { note: s.note } : {}),
      ...(review
        ? {
            review: {
              scores,
              ...(passMark !== undefined ? { passMark } : {}),
              passes: scores.every((x) => x.passes),
              ...(review.reviewer ? { reviewer: review.reviewer } : {}),
              ...(review.date ? { date: review.date } : {}),
            },
          }
        : {}),
    };
    return [view];
  });
}
