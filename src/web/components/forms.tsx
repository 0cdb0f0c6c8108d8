/** Form parts every form with people's input shares: the CSRF field, labelled fields, the problem summary. */

import type { FC } from "hono/jsx";
import { PASSWORD_HINT } from "../auth/password-strength.js";

/** What is wrong with one field, as the form shows it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The synchronizer token every state-changing form carries (checked before any route runs). */
export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);

/**
 * A list of what went wrong at the top of a form, each linking to its field (the pattern screen reader users
 * expect); role=alert so it is announced when the page comes back with it.
 */
export const ProblemSummary: FC<{ problems: FieldProblem[]; form: string; title?: string }> = ({
  problems,
  form,
  title,
}) =>
  problems.length ? (
    <div class="problems" role="alert" aria-labelledby={`${form}-problems-h`}>
      <h2 id={`${form}-problems-h`}>{title ?? "Please check the form"}</h2>
      <ul>
        {problems.map((p) => (
          <li>{p.field ? <a href={`#${form}-${p.field}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  ) : null;

export interface FieldProps {
  form: string;
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  value?: string | undefined;
  autocomplete: string;
  hint?: string;
  problems?: FieldProblem[];
  required?: boolean;
  /** The field's limit from TEXT_LIMITS (src/store/text-limits.ts), so the browser stops typing there. */
  maxlength?: number;
}

/** One labelled input with its hint and its problem, tied together for assistive technology. */
export const Field: FC<FieldProps> = ({
  form,
  name,
  label,
  type,
  value,
  autocomplete,
  hint,
  problems,
  required,
  maxlength,
}) => {
  const id = `${form}-${name}`;
  const mine = (problems ?? []).filter((p) => p.field === name);
  const described = [hint ? `${id}-hint` : "", mine.length ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <div class={mine.length ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {mine.length ? (
        <p class="field-problem" id={`${id}-problem`}>
          {mine.map((p) => p.message).join(" ")}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type ?? "text"}
        value={type === "password" ? undefined : value}
        autocomplete={autocomplete}
        required={required ?? true}
        maxlength={maxlength}
        aria-invalid={mine.length ? "true" : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
};

/** A form field's value as one string (absent, repeated or file fields count as empty). */
export function formText(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}

/** A new password and its confirmation, with the strength hint: set up, reset, invitation, account. */
export const NewPasswordFields: FC<{
  form: string;
  label: string;
  problems?: FieldProblem[] | undefined;
}> = ({ form, label, problems }) => (
  <>
    <Field
      form={form}
      name="password"
      label={label}
      type="password"
      autocomplete="new-password"
      hint={PASSWORD_HINT}
      problems={problems}
    />
    <Field
      form={form}
      name="confirm"
      label={`${label} again`}
      type="password"
      autocomplete="new-password"
      problems={problems}
    />
  </>
);
