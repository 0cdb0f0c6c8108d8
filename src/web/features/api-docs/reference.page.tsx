/** The API reference as a page: every operation by tag, with its parameters, answer and problems. */
import type { FC } from "hono/jsx";
import * as z from "zod";
import { Page } from "../../components/page.js";
import type { Links } from "../../links.js";
import { type ApiOperation, openApiPath } from "../../middleware/openapi.js";
import { API_INFO } from "./api.js";

function fields(shape: z.ZodObject | undefined, where: string) {
  return Object.entries(shape?.shape ?? {}).map(([name, field]) => {
    const schema = field as z.ZodType;
    return {
      name,
      where,
      required: where === "path" || !schema.safeParse(undefined).success,
      description: z.globalRegistry.get(schema)?.description ?? "",
    };
  });
}

const Operation: FC<{ op: ApiOperation }> = ({ op }) => {
  const parameters = [...fields(op.params, "path"), ...fields(op.query, "query")];
  return (
    <section class="api-operation" id={op.operationId}>
      <h3>
        <code>{`${op.method.toUpperCase()} ${openApiPath(op.path)}`}</code>
      </h3>
      <p>
        <strong>{op.summary}</strong>
        {op.access === "signed-in" ? " (signed in)" : ""}
      </p>
      {op.description ? <p>{op.description}</p> : null}
      {parameters.length ? (
        <table>
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Required</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr>
                <th scope="row">
                  <code>{p.name}</code>
                </th>
                <td>{p.where}</td>
                <td>{p.required ? "yes" : "no"}</td>
                <td>{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ul>
        <li>{`200: ${op.response.description}`}</li>
        {Object.entries(op.problems).map(([status, what]) => (
          <li>{`${status}: ${what}`}</li>
        ))}
      </ul>
    </section>
  );
};

export const ReferencePage: FC<{ links: Links; operations: readonly ApiOperation[] }> = ({
  links,
  operations,
}) => (
  <Page title="API reference" links={links}>
    <h1>API reference</h1>
    <p>{String(API_INFO.info.description ?? "")}</p>
    <p>
      The same as an OpenAPI 3.1 document: <a href={links.to("/api/openapi.json")}>/api/openapi.json</a>.
    </p>
    {API_INFO.tags.map((tag) => {
      const tagged = operations.filter((op) => op.tags[0] === tag.name);
      return tagged.length ? (
        <section id={`tag-${tag.name}`}>
          <h2>{tag.name}</h2>
          <p>{tag.description}</p>
          {tagged.map((op) => (
            <Operation op={op} />
          ))}
        </section>
      ) : null;
    })}
  </Page>
);
