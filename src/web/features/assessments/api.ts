/** Assessments as JSON, and the `/api` operations about them (see middleware/openapi.ts). */
import * as z from "zod";
import { COUNT_LIMITS, TEXT_LIMITS } from "../../../store/text-limits.js";
import { formAction, formVersion, frameworkId, textField } from "../../middleware/fields.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";

const criterionShown = z
  .looseObject({
    level: z.string().meta({ description: "The level the criterion is written at." }),
    criterion: z.string().meta({ description: "The criterion's key (its id, or `<level>-<position>`)." }),
    evidence: z.string(),
  })
  .register(apiSchemas, { id: "CriterionShown" });

const pick = z.looseObject({
  competency: z.string(),
  level: z.string().nullable().optional(),
  band: z.string().nullable().optional(),
  evidence: z.string().optional(),
  links: z.array(z.string()).optional(),
  criteria: z
    .array(criterionShown)
    .optional()
    .meta({ description: "The criteria (format 2) ticked as shown, with their evidence." }),
  comment: z.string().optional().meta({
    description:
      "The author's comment for the review: the person's on a self-assessment, the manager's on the agreed one.",
  }),
});

export const Assessment = z
  .looseObject({
    id: z.string(),
    personId: z.string(),
    authorId: z.string().nullable(),
    kind: z.enum(["self", "manager", "agreed"]),
    cycleId: z.string().nullable(),
    framework: z.string(),
    frameworkVersion: z.string(),
    frameworkCommit: z.string().optional().meta({
      description:
        "The git commit whose files were that framework version, when it was served from a repository with its files as committed.",
    }),
    level: z.string().nullable(),
    role: z.string().nullable().meta({
      description:
        "The role the assessment was made in: the role whose own expectations and criteria it offered (null: none).",
    }),
    status: z.enum(["draft", "submitted"]),
    version: z.int().min(0),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    picks: z.array(pick),
  })
  .register(apiSchemas, { id: "Assessment" });

export const AssessmentHistory = z
  .looseObject({
    person: z.looseObject({ id: z.string(), name: z.string() }),
    assessments: z.array(Assessment),
  })
  .register(apiSchemas, { id: "AssessmentHistory" });

export const SavedDraft = z
  .looseObject({ id: z.string(), version: z.int().min(1), savedAt: z.string() })
  .register(apiSchemas, { id: "SavedDraft" });

/** A level or rating band as a pick names it: an id, or empty (or null) for none yet. */
const pickedId = z
  .union([z.literal(""), frameworkId])
  .nullable()
  .optional();

/** PUT …/draft: the picks so far and the version they were based on (0 for a new draft). */
export const draftBody = z.object({
  version: z.int().min(0).describe("The draft's version this page holds; 0 when it starts a new one."),
  picks: z
    .array(
      z.object({
        competency: frameworkId,
        level: pickedId,
        band: pickedId,
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
});

/**
 * The assessment form (POST /people/:id/assessments/:kind/) and the review's agreed picks: the version the
 * page holds, which button, and a text field per competency (`pick.<id>`, `evidence.<id>`, `agreed.<id>`…),
 * each checked against the framework where the picks are read (components/assessment-form.tsx).
 */
export const assessmentForm = z
  .object({ version: formVersion, action: formAction, _csrf: textField.optional() })
  .catchall(textField);

/** The kind of assessment a form writes (the agreed one is written on the review page). */
export const formKind = z.enum(["self", "manager"]);

const personId = z.object({ id: z.string().meta({ description: "A person's id." }) });

export const assessmentsApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/assessments/:id",
    operationId: "getAssessment",
    summary: "One assessment",
    description: "A submitted assessment, or a draft to its author.",
    tags: ["assessments"],
    access: "signed-in",
    params: z.object({ id: z.string().meta({ description: "An assessment's id." }) }),
    response: { description: "The assessment.", schema: Assessment },
    problems: { 404: "No such assessment, or one the asker may not read." },
  },
  {
    method: "get",
    path: "/api/people/:id/assessments",
    operationId: "listAssessments",
    summary: "A person's submitted assessments",
    tags: ["assessments"],
    access: "signed-in",
    params: personId,
    response: { description: "Every submitted assessment, oldest first.", schema: AssessmentHistory },
    problems: { 404: "No such person, or one the asker may not see." },
  },
  {
    method: "put",
    path: "/api/people/:id/assessments/:kind/draft",
    operationId: "saveAssessmentDraft",
    summary: "Save a draft",
    description:
      "Saves the self or manager assessment being written (the form's autosave). A draft is its author's alone; a version that is not the stored one is a conflict with both versions in the answer.",
    tags: ["assessments"],
    access: "signed-in",
    params: personId.extend({
      kind: formKind.meta({ description: "Which assessment." }),
    }),
    body: draftBody,
    response: { description: "Saved: the draft's id and new version.", schema: SavedDraft },
    problems: {
      400: "The body is not JSON.",
      404: "No such person or kind, or one the asker may not assess.",
      409: "Saved or submitted elsewhere since it was loaded (with `yours`, and `theirs` as an Assessment, its `frameworkCommit` included), or someone else's draft.",
      413: "The body is larger than the upload limit.",
      422: "The body is not of the expected shape (with `errors`), or some picks are not valid for the framework (with `problems`).",
    },
  },
];
