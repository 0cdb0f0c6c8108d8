/**
 * The API as the document and the reference page describe it: imported when either is first asked for
 * (routes.tsx), with every feature's answer schemas (src/web/api-operations.ts).
 */
import { apiOperationsOf } from "../../api-operations.js";
import { type ApiOperation, openApiDocument } from "../../middleware/openapi.js";
import { API_INFO } from "./api.js";

export { ReferencePage } from "./reference.page.js";

export interface DescribedApi {
  operations: readonly ApiOperation[];
  /** The OpenAPI 3.1 document: made once, the same bytes on every ask. */
  document: Record<string, unknown>;
}

/** The operations of an app (with those about people when it has a store) and their document. */
export function describedApi(people: boolean): DescribedApi {
  const operations = apiOperationsOf(people);
  return { operations, document: openApiDocument(operations, API_INFO) };
}
