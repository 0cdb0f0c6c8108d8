/**
 * Every feature's `/api` operations, in the order the API document lists them. Only the API document and its
 * reference page need them (features/api-docs/), which import this module when one of them is first asked
 * for: the answers' schemas are many zod objects, and building them at start delayed a server's first answer.
 * What a route parses a request with lives in its feature's requests.ts, which the routes import.
 */
import { accountApi } from "./features/account/api.js";
import { apiDocsApi } from "./features/api-docs/api.js";
import { architectureApi } from "./features/architecture/api.js";
import { assessmentsApi } from "./features/assessments/api.js";
import { caseApi } from "./features/case/api.js";
import { changesApi } from "./features/changes/api.js";
import { compareApi } from "./features/compare/api.js";
import { frameworkApi } from "./features/framework/api.js";
import { goalsApi } from "./features/goals/api.js";
import { growthApi } from "./features/growth/api.js";
import { levelApi } from "./features/level/api.js";
import { matrixApi } from "./features/matrix/api.js";
import { peopleApi } from "./features/people/api.js";
import { roleApi } from "./features/role/api.js";
import { searchApi } from "./features/search/api.js";
import { teamApi } from "./features/team/api.js";
import type { ApiOperation } from "./middleware/openapi.js";

/** The operations an app serves: those about people only when it has a store (`people`). */
export function apiOperationsOf(people: boolean): ApiOperation[] {
  return [
    ...frameworkApi,
    ...levelApi,
    ...matrixApi,
    ...roleApi,
    ...compareApi,
    ...goalsApi,
    ...architectureApi,
    ...searchApi,
    ...apiDocsApi,
    ...caseApi,
    ...changesApi,
    ...(people ? [...accountApi, ...peopleApi, ...assessmentsApi, ...growthApi, ...teamApi] : []),
  ];
}
