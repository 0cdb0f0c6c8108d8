/** What the team views read from a request: the exports' cycle, and the table's filters, sort and page. */
import * as z from "zod";
import { TEAM_SORTS, TEAM_STATUSES } from "../../../store/team-pages.repository.js";
import { frameworkId, lazySchema, oneLine, recordId, wholeNumber } from "../../middleware/fields.js";

/** A form's empty choice ("any") is the same as leaving the parameter out. */
const blankOr = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal("").transform(() => undefined), schema.optional()]);

/** ?cycle= of the exports and the calibration page. */
export const teamExportQuery = lazySchema(() =>
  z.object({
    cycle: recordId()
      .optional()
      .meta({ description: "An assessment cycle's id: that cycle's assessments only." }),
  }),
);

/** The paged table and the heatmap by team: who, which framework, filters, sort, page, cycle. */
export const teamPageQuery = lazySchema(() =>
  z.object({
    cycle: blankOr(recordId()),
    team: blankOr(recordId()),
    framework: blankOr(frameworkId()),
    level: blankOr(frameworkId()),
    track: blankOr(oneLine("id")),
    status: blankOr(z.enum(TEAM_STATUSES)),
    sort: z.enum(TEAM_SORTS).default("name"),
    dir: z.enum(["asc", "desc"]).default("asc"),
    page: wholeNumber(1, 100_000).default(1),
  }),
);

export type TeamParams = z.output<ReturnType<typeof teamPageQuery>>;
