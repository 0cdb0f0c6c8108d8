import * as z from "zod";
import { PEOPLE_CSV_MAX_BYTES, readPeopleCsv } from "../../../core/people-csv.js";
import { formatLocation } from "../../../core/source-location.js";
import type { FrameworkRegistry } from "../../../load/registry.js";
import { indexesById } from "../../../services/frameworks.js";
import { type ImportLineProblem, PeopleImportService } from "../../../services/people-import.js";
import type { Store } from "../../../store/store.js";
import { Notice } from "../../components/page.js";
import type { App } from "../../context.js";
import { acceptsUpload } from "../../middleware/body-limit.js";
import { formField, lazySchema, textField } from "../../middleware/fields.js";
import { validate } from "../../middleware/validate.js";
import { adminOnly } from "./admin-parts.js";
import { importPage, PlanPreview, ProblemsPreview } from "./import.page.js";

export function importService(store: Store, registry: FrameworkRegistry): PeopleImportService {
  return new PeopleImportService({ people: store.people, frameworks: () => indexesById(registry) });
}

/** What locations call a CSV that was pasted rather than uploaded: `pasted CSV:4:2 (column "email")`. */
const PASTED = "pasted CSV";
/** An uploaded file's name as locations show it: cut, so a location stays one readable line. */
const FILE_NAME_SHOWN = 120;

/**
 * The import form as posted: the pasted CSV (text, once) and the chosen file (a file, when the form is
 * multipart; empty when none was chosen). The size rule is read below, where its message can say which
 * of the two was too large. `file_name` is the uploaded file's name, which the preview's confirm form
 * carries along with the CSV so that its problems are located in the same file.
 */
export const importForm = lazySchema(() =>
  z.object({
    csv: textField().default(""),
    file: z.union([z.instanceof(File), z.literal("")], { message: "must be a file" }).optional(),
    file_name: formField(FILE_NAME_SHOWN),
    _csrf: textField().optional(),
  }),
);

/**
 * The CSV of an import form (the file when one is chosen, else the pasted text) with the name its
 * problems are located in, or why it cannot be read.
 */
export async function csvFrom(
  form: z.output<ReturnType<typeof importForm>>,
): Promise<{ text: string; name: string } | { tooLarge: string }> {
  const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
  const bytes = file ? file.size : Buffer.byteLength(form.csv, "utf8");
  if (bytes > PEOPLE_CSV_MAX_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return {
      tooLarge: `The ${file ? "uploaded" : "pasted"} CSV is ${mib(bytes)} (${bytes} bytes); at most ${mib(PEOPLE_CSV_MAX_BYTES)} can be imported at once. Nothing was imported: split the file and import the parts one after the other.`,
    };
  }
  if (file) return { text: await file.text(), name: file.name.slice(0, FILE_NAME_SHOWN) || PASTED };
  return { text: form.csv, name: form.file_name || PASTED };
}

export function importRoutes(app: App, store: Store, registry: FrameworkRegistry): void {
  app.get("/admin/import/", async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    return importPage(c, viewer, null);
  });

  app.post("/admin/import/", acceptsUpload, validate("form", importForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(c.req.valid("form"));
    if ("tooLarge" in csv || !csv.text.trim())
      return importPage(
        c,
        viewer,
        <p class="problems" role="alert">
          {"tooLarge" in csv ? csv.tooLarge : "No CSV was given."}
        </p>,
        422,
      );
    const { text, name } = csv;
    const checked = await importService(store, registry).preview(readPeopleCsv(text, name));
    if (checked.problems.length) {
      return importPage(
        c,
        viewer,
        <ProblemsPreview problems={checked.problems} />,
        422,
        "Import preview",
        text,
        name,
      );
    }
    return importPage(
      c,
      viewer,
      <PlanPreview rows={checked.rows} csv={text} fileName={name} csrf={viewer.csrfToken} />,
      200,
      "Import preview",
    );
  });

  app.post("/admin/import/confirm", acceptsUpload, validate("form", importForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const csv = await csvFrom(c.req.valid("form"));
    const fail = (problems: readonly ImportLineProblem[] | string) =>
      importPage(
        c,
        viewer,
        <ul class="problems" role="alert">
          {typeof problems === "string" ? (
            <li>{problems}</li>
          ) : (
            problems.map((p) => <li>{`${formatLocation(p.at)}: ${p.message}`}</li>)
          )}
        </ul>,
        422,
        "Nothing was imported",
      );
    if ("tooLarge" in csv) return fail(csv.tooLarge);
    if (!csv.text.trim()) return fail("No CSV was given.");
    const result = await importService(store, registry).run(readPeopleCsv(csv.text, csv.name));
    if (!result.ok) return fail(result.problems);
    return importPage(
      c,
      viewer,
      <Notice
        text={`Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
      />,
      200,
      "Import done",
    );
  });
}
