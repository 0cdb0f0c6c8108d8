import * as z from "zod";
import { PEOPLE_CSV_MAX_BYTES, type PeopleCsv, readPeopleCsv } from "../../../core/people-csv.js";
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
import { ImportNotes, importPage, PlanPreview, ProblemsPreview } from "./import.page.js";

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
 * carries along with the CSV so that its problems are located in the same file; `workbook` is an uploaded
 * .xlsx, in base64, as the confirm form carries it.
 */
export const importForm = lazySchema(() =>
  z.object({
    csv: textField().default(""),
    file: z.union([z.instanceof(File), z.literal("")], { message: "must be a file" }).optional(),
    file_name: formField(FILE_NAME_SHOWN),
    workbook: formField(Math.ceil(PEOPLE_CSV_MAX_BYTES / 3) * 4),
    _csrf: textField().optional(),
  }),
);

/** What an import form gives: the people read, and the CSV text or the workbook (base64) to carry on. */
export interface PeopleUpload {
  people: PeopleCsv;
  /** The CSV as text ("" for a workbook): offered for fixing in place, carried by the confirm form. */
  text: string;
  /** An uploaded workbook in base64 ("" for a CSV). */
  workbook: string;
  name: string;
}

/**
 * The people of an import form (the file when one is chosen, else the workbook carried along, else the
 * pasted text) located in the file's name, or why it cannot be read.
 */
export async function peopleFrom(
  form: z.output<ReturnType<typeof importForm>>,
): Promise<PeopleUpload | { refused: string }> {
  const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
  const carried = file ? undefined : Buffer.from(form.workbook, "base64");
  const size = file ? file.size : carried?.length || Buffer.byteLength(form.csv, "utf8");
  if (size > PEOPLE_CSV_MAX_BYTES) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return {
      refused: `The ${file ? "uploaded file" : "pasted CSV"} is ${mib(size)} (${size} bytes); at most ${mib(PEOPLE_CSV_MAX_BYTES)} can be imported at once. Nothing was imported: split the file and import the parts one after the other.`,
    };
  }
  const name = (file ? file.name.slice(0, FILE_NAME_SHOWN) : form.file_name) || PASTED;
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : carried;
  // the workbook reader (and exceljs behind it) is loaded by the first upload, not by every start
  const workbooks = bytes?.length ? await import("../../../import/people-xlsx.js") : undefined;
  if (bytes && workbooks?.isWorkbook(bytes)) {
    const workbook = Buffer.from(bytes).toString("base64");
    return { people: await workbooks.readPeopleXlsx(bytes, name), text: "", workbook, name };
  }
  const text = file ? new TextDecoder().decode(bytes) : form.csv;
  if (!text.trim()) return { refused: "No CSV was given." };
  return { people: readPeopleCsv(text, name), text, workbook: "", name };
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
    const upload = await peopleFrom(c.req.valid("form"));
    if ("refused" in upload)
      return importPage(
        c,
        viewer,
        <p class="problems" role="alert">
          {upload.refused}
        </p>,
        422,
      );
    const checked = await importService(store, registry).preview(upload.people);
    if (checked.problems.length) {
      return importPage(
        c,
        viewer,
        <ProblemsPreview problems={checked.problems} />,
        422,
        "Import preview",
        upload.text,
        upload.name,
      );
    }
    return importPage(
      c,
      viewer,
      <PlanPreview checked={checked} upload={upload} csrf={viewer.csrfToken} />,
      200,
      "Import preview",
    );
  });

  app.post("/admin/import/confirm", acceptsUpload, validate("form", importForm), async (c) => {
    const viewer = await adminOnly(c);
    if (viewer instanceof Response) return viewer;
    const upload = await peopleFrom(c.req.valid("form"));
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
    if ("refused" in upload) return fail(upload.refused);
    const result = await importService(store, registry).run(upload.people);
    if (!result.ok) return fail(result.problems);
    return importPage(
      c,
      viewer,
      <>
        <Notice
          text={`Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
        />
        <ImportNotes ignored={result.ignored} warnings={result.warnings} />
      </>,
      200,
      "Import done",
    );
  });
}
