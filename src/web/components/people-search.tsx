/**
 * The search over people that the directory and the admin list share: a labelled search box bounded like
 * every search, marked invalid (with the message below it) when the store refused the text.
 */
import type { FC } from "hono/jsx";
import { TEXT_LIMITS } from "../../store/text-limits.js";

export const PeopleSearch: FC<{
  /** Where the form is sent (the page it is on). */
  action: string;
  /** The input's id, unique on the page. */
  id: string;
  label: string;
  q: string;
  problem: string | undefined;
}> = ({ action, id, label, q, problem }) => (
  <>
    <form method="get" action={action} class="people-search">
      <label for={id}>{label}</label>
      <input
        id={id}
        name="q"
        type="search"
        value={q}
        autocomplete="off"
        maxlength={TEXT_LIMITS.search}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      <button type="submit">Search</button>
    </form>
    {problem ? (
      <p class="problems" role="alert" id={`${id}-problem`}>
        {problem}
      </p>
    ) : null}
  </>
);
