/**
 * The read-only CASE 1.1 endpoints (1EdTech Competencies and Academic Standards Exchange) and their answers:
 * served under /ims/case/v1p1/ as the specification names them, and described in the API document beside
 * the /api routes. The answer schemas name the members every object has; the rest pass through.
 */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { caseIdParam } from "./requests.js";

const Link = z.looseObject({ title: z.string(), identifier: z.string(), uri: z.string() });
const base = { identifier: z.string(), uri: z.string(), lastChangeDateTime: z.string() };

export const CaseDocument = z
  .looseObject({ ...base, title: z.string(), creator: z.string(), CFPackageURI: Link.optional() })
  .describe("A CFDocument: one framework.")
  .register(apiSchemas, { id: "CFDocument" });

export const CaseDocuments = z
  .looseObject({ CFDocuments: z.array(CaseDocument) })
  .register(apiSchemas, { id: "CFDocumentSet" });

export const CaseItem = z
  .looseObject({
    ...base,
    fullStatement: z.string(),
    CFItemType: z.string().optional(),
    humanCodingScheme: z.string().optional(),
    CFDocumentURI: Link,
  })
  .describe("A CFItem: a track, level, area, competency or role (CFItemType), coded by its rungs id.")
  .register(apiSchemas, { id: "CFItem" });

export const CaseAssociation = z
  .looseObject({
    ...base,
    associationType: z.string(),
    sequenceNumber: z.int().optional(),
    originNodeURI: Link,
    destinationNodeURI: Link,
  })
  .describe("A CFAssociation: isChildOf (the tree), precedes (the ladder), isRelatedTo (a role's levels).")
  .register(apiSchemas, { id: "CFAssociation" });

export const CaseRubric = z
  .looseObject({
    ...base,
    title: z.string().optional(),
    CFRubricCriteria: z.array(z.looseObject({})).optional(),
  })
  .describe(
    "A CFRubric: a criterion per competency, a criterion level per level that expects something of it.",
  )
  .register(apiSchemas, { id: "CFRubric" });

export const CasePackage = z
  .looseObject({
    CFDocument: CaseDocument,
    CFItems: z.array(CaseItem),
    CFAssociations: z.array(CaseAssociation),
    CFDefinitions: z.looseObject({}).optional(),
    CFRubrics: z.array(CaseRubric).optional(),
  })
  .describe("A CFPackage: a framework's document with every item, association and rubric.")
  .register(apiSchemas, { id: "CFPackage" });

const NOT_FOUND = {
  404: "No object of that kind has this identifier in any framework served.",
  422: "The identifier is not a UUID.",
} as const;

function read(collection: string, operationId: string, summary: string, schema: z.ZodType): ApiOperation {
  return {
    method: "get",
    path: `/ims/case/v1p1/${collection}/:id`,
    operationId,
    summary,
    tags: ["case"],
    access: "public",
    params: caseIdParam(),
    response: { description: `The ${collection.slice(0, -1)}.`, schema },
    problems: NOT_FOUND,
  };
}

export const caseApi: ApiOperation[] = [
  {
    method: "get",
    path: "/ims/case/v1p1/CFDocuments",
    operationId: "getAllCFDocuments",
    summary: "Every framework as a CASE CFDocument",
    tags: ["case"],
    access: "public",
    response: { description: "The documents, one per framework served.", schema: CaseDocuments },
    problems: {},
  },
  read("CFPackages", "getCFPackage", "A framework as a whole CASE package", CasePackage),
  read("CFItems", "getCFItem", "One CASE item: a track, level, area, competency or role", CaseItem),
  read("CFAssociations", "getCFAssociation", "One CASE association", CaseAssociation),
  read("CFRubrics", "getCFRubric", "The CASE rubric of a framework's expectations", CaseRubric),
];
