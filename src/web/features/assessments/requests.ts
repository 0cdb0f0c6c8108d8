/** What the assessment routes read from a request: a draft's picks (JSON), the form, the kind of assessment. */
import * as z from "zod";
import { COUNT_LIMITS, TEXT_LIMITS } from "../../../store/text-limits.js";
import { formAction, formVersion, frameworkId, lazySchema, textField } from "../../middleware/fields.js";

/** A level or rating band as a pick names it: an id, or empty (or null) for none yet. */
const pickedId = lazySchema(() =>
  z
    .union([z.literal(""), frameworkId()])
    .nullable()
    .optional(),
);

/** PUT …/draft: the picks so far and the version they were based on (0 for a new draft). */
export const draftBody = lazySchema(() =>
  z.object({
    version: z.int().min(0).describe("The draft's version this page holds; 0 when it starts a new one."),
    picks: z
      .array(
        z.object({
          competency: frameworkId(),
          level: pickedId(),
          band: pickedId(),
          // evidence and links are bounded here and checked per competency by the store's rules, so that
          // what breaks them is answered located at its competency (422 with `problems`), as on the form
          evidence: z
            .string()
            .max(4 * TEXT_LIMITS.evidence)
            .optional()
            .meta({ description: `Several lines, at most ${TEXT_LIMITS.evidence} characters.` }),
          links: z
            .union([
              z.array(z.string().max(4 * TEXT_LIMITS.link)).max(4 * COUNT_LIMITS.linksPerPick),
              z.string().max(4 * COUNT_LIMITS.linksPerPick * (TEXT_LIMITS.link + 2)),
            ])
            .optional()
            .meta({
              description: `Web addresses (http or https), at most ${COUNT_LIMITS.linksPerPick}: a list, or one per line.`,
            }),
          criteria: z
            .array(
              z.object({
                level: z.string().max(4 * TEXT_LIMITS.id),
                criterion: z.string().max(4 * TEXT_LIMITS.id),
                evidence: z
                  .string()
                  .max(4 * TEXT_LIMITS.criterionEvidence)
                  .optional(),
              }),
            )
            .max(4 * COUNT_LIMITS.criteriaPerPick)
            .optional()
            .meta({
              description: `The criteria ticked as shown (at most ${COUNT_LIMITS.criteriaPerPick}), each by its key with optional evidence of at most ${TEXT_LIMITS.criterionEvidence} characters.`,
            }),
          comment: z
            .string()
            .max(4 * TEXT_LIMITS.comment)
            .optional()
            .meta({
              description: `A comment for the review (self-assessments only), at most ${TEXT_LIMITS.comment} characters.`,
            }),
        }),
      )
      .max(COUNT_LIMITS.picks),
  }),
);

/**
 * The assessment form (POST /people/:id/assessments/:kind/) and the review's agreed picks: the version the
 * page holds, which button, and a text field per competency (`pick.<id>`, `evidence.<id>`, `agreed.<id>`…),
 * each checked against the framework where the picks are read (components/assessment-form.tsx).
 */
export const assessmentForm = lazySchema(() =>
  z
    .object({ version: formVersion(), action: formAction(), _csrf: textField().optional() })
    .catchall(textField()),
);

/** The kind of assessment a form writes (the agreed one is written on the review page). */
export const formKind = lazySchema(() => z.enum(["self", "manager"]));
