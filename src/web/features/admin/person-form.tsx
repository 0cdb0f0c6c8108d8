/** The person form of the admin pages: its fields (placement chosen from the loaded frameworks), read back and its problems shown. */

import * as z from "zod";
import type { FrameworkIndex } from "../../../core/model.js";
import { TEXT_LIMITS } from "../../../store/text-limits.js";
import type { Problem } from "../../../store/types.js";
import { Field, type FieldProblem, type FieldProps } from "../../components/forms.js";
import { formField, lazySchema, textField } from "../../middleware/fields.js";

export const blank = (v: string): string | null => (v.trim() ? v.trim() : null);

/** A select whose options come from the loaded frameworks, grouped by framework. */
export function PlacementSelect(props: {
  form: string;
  name: "framework" | "track" | "level" | "role";
  label: string;
  frameworks: Map<string, FrameworkIndex>;
  value: string | null;
  /** The framework chosen: a track, level or role id is shown selected in that framework's group only. */
  framework: string | null;
  problems: FieldProblem[];
}) {
  const id = `${props.form}-${props.name}`;
  const mine = props.problems.filter((p) => p.field === props.name);
  const groups = [...props.frameworks].map(([fwId, index]) => {
    const items =
      props.name === "track"
        ? [...index.tracks.values()].map((t) => [t.id, t.name] as const)
        : props.name === "level"
          ? index.levelOrder.map((l) => [l, index.levels.get(l)?.name ?? l] as const)
          : [...index.roles.values()].map((r) => [r.id, r.name] as const);
    return { fwId, name: index.framework.name, items };
  });
  return (
    <div class={mine.length ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {mine.length ? (
        <p class="field-problem" id={`${id}-problem`}>
          {mine.map((p) => p.message).join(" ")}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={mine.length ? `${id}-problem` : undefined}>
        <option value="">None</option>
        {props.name === "framework"
          ? groups.map((g) => (
              <option value={g.fwId} selected={props.value === g.fwId}>
                {g.name}
              </option>
            ))
          : groups.map((g) => (
              <optgroup label={g.name}>
                {g.items.map(([value, text]) => (
                  // `trunk` in two frameworks: selected in both, the browser would show the last one's name
                  <option value={value} selected={props.value === value && g.fwId === props.framework}>
                    {text}
                  </option>
                ))}
              </optgroup>
            ))}
      </select>
    </div>
  );
}

export interface PersonForm {
  name: string;
  email: string;
  managerEmail: string;
  framework: string | null;
  track: string | null;
  level: string | null;
  role: string | null;
  admin: boolean;
}

/** An email as the person and manager fields take it (its rule is the store's, shown at the field). */
const emailField = lazySchema(() => formField(4 * TEXT_LIMITS.email));
const placementField = lazySchema(() => formField(4 * TEXT_LIMITS.id));

/** The person form as posted (create and edit); `version` is the edited record's, for the conflict check. */
export const personFormBody = lazySchema(() =>
  z.object({
    name: formField(4 * TEXT_LIMITS.personName),
    email: emailField(),
    manager: emailField(),
    framework: placementField(),
    track: placementField(),
    level: placementField(),
    role: placementField(),
    admin: formField(10),
    version: formField(20),
    _csrf: textField().optional(),
  }),
);

/** Only a manager's email (the manager form of a person's page). */
export const managerFormBody = lazySchema(() =>
  z.object({ manager: emailField(), _csrf: textField().optional() }),
);

export function readPersonForm(body: z.output<ReturnType<typeof personFormBody>>): PersonForm {
  return {
    name: body.name.trim(),
    email: body.email.trim(),
    managerEmail: body.manager.trim(),
    framework: blank(body.framework),
    track: blank(body.track),
    level: blank(body.level),
    role: blank(body.role),
    admin: body.admin === "on",
  };
}

export function storeProblems(problems: Problem[]): FieldProblem[] {
  return problems.map((p) => ({
    field: p.field === "managerId" ? "manager" : (p.field ?? ""),
    message: p.message,
  }));
}

/** The text fields of the person form, in order: each one's input and where its value is kept. */
const TEXT_FIELDS: readonly (Omit<FieldProps, "form" | "value" | "problems" | "autocomplete"> & {
  key: "name" | "email" | "managerEmail";
})[] = [
  { name: "name", key: "name", label: "Name", maxlength: TEXT_LIMITS.personName },
  { name: "email", key: "email", label: "Email", type: "email", maxlength: TEXT_LIMITS.email },
  {
    name: "manager",
    key: "managerEmail",
    label: "Manager's email",
    type: "email",
    maxlength: TEXT_LIMITS.email,
    hint: "Leave empty for no manager.",
    required: false,
  },
];

/** The placement selects, in order (their options come from the loaded frameworks). */
const PLACEMENTS = [
  ["framework", "Framework"],
  ["track", "Track"],
  ["level", "Level"],
  ["role", "Role"],
] as const;

export function PersonFields(props: {
  form: string;
  value: PersonForm;
  frameworks: Map<string, FrameworkIndex>;
  problems: FieldProblem[];
  withManager: boolean;
}) {
  const { form, value, frameworks, problems } = props;
  const texts = TEXT_FIELDS.filter((f) => props.withManager || f.key !== "managerEmail");
  return (
    <>
      {texts.map(({ key, ...field }) => (
        <Field form={form} {...field} value={value[key]} autocomplete="off" problems={problems} />
      ))}
      {PLACEMENTS.map(([name, label]) => (
        <PlacementSelect
          form={form}
          name={name}
          label={label}
          frameworks={frameworks}
          value={value[name]}
          framework={value.framework}
          problems={problems}
        />
      ))}
      <div class="field checkbox">
        <input id={`${form}-admin`} name="admin" type="checkbox" checked={value.admin} />
        <label for={`${form}-admin`}>Admin</label>
      </div>
    </>
  );
}

/** The create form as it starts: empty. */
export const EMPTY: PersonForm = {
  name: "",
  email: "",
  managerEmail: "",
  framework: null,
  track: null,
  level: null,
  role: null,
  admin: false,
};
