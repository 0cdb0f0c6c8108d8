/** People as JSON, and the `/api` operations about them (see middleware/openapi.ts). */
import * as z from "zod";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { directoryQuery } from "./requests.js";

const entry = { id: z.string(), name: z.string(), role: z.string().nullable(), level: z.string().nullable() };

export const PeopleDirectory = z
  .looseObject({
    query: z.string(),
    page: z.int().min(1),
    pages: z.int().min(1),
    total: z.int().min(0),
    people: z.array(
      z.looseObject({
        ...entry,
        manager: z
          .looseObject({ id: z.string(), name: z.string() })
          .nullable()
          .optional()
          .meta({ description: "Present where the directory setting (or being their manager) shows it." }),
      }),
    ),
  })
  .register(apiSchemas, { id: "PeopleDirectory" });

export const PersonRecord = z
  .looseObject({
    ...entry,
    email: z.string(),
    framework: z.string().nullable(),
    track: z.string().nullable(),
    active: z.boolean(),
    manager: z.looseObject({ id: z.string(), name: z.string() }).nullable(),
    reports: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  })
  .register(apiSchemas, { id: "PersonRecord" });

export const peopleApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/people",
    operationId: "listPeople",
    summary: "The people directory",
    description: "Active people, a page at a time, optionally only those whose name or email matches.",
    tags: ["people"],
    access: "signed-in",
    query: directoryQuery(),
    response: { description: "One page of the directory.", schema: PeopleDirectory },
    problems: {
      403: "The policy does not let the asker read the directory.",
      422: "q is too long or has control characters, or page is not a whole number from 1.",
    },
  },
  {
    method: "get",
    path: "/api/people/:id",
    operationId: "getPerson",
    summary: "A person's record",
    tags: ["people"],
    access: "signed-in",
    params: z.object({ id: z.string().meta({ description: "A person's id." }) }),
    response: { description: "The person, their manager and reports.", schema: PersonRecord },
    problems: { 404: "No such person, or one the asker may not see (the two are not told apart)." },
  },
];
