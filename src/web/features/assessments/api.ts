/** Assessments as JSON, and the `/api` operations about them (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { draftBody, formKind } from "./requests.js";

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
      kind: formKind().meta({ description: "Which assessment." }),
    }),
    body: draftBody(),
    response: { description: "Saved: the draft's id and new version.", schema: SavedDraft },
    problems: {
      400: "The body is malformed JSON, or nested deeper than 100 levels.",
      404: "No such person or kind, or one the asker may not assess.",
      409: "Saved or submitted elsewhere since it was loaded (with `yours`, and `theirs` as an Assessment, its `frameworkCommit` included), or someone else's draft.",
      413: "The body is larger than the upload limit.",
      422: "The body is not of the expected shape (with `errors`), or some picks are not valid for the framework (with `problems`).",
    },
  },
];
