/**
 * The goals a person keeps, on their profile: each in its own words with ⟨target⟩ and ⟨date⟩ shown filled
 * or marked "to fill", its status, what the framework said when the wording was edited (with the fields it
 * quotes), and, for the person, the forms to edit it and move it on.
 */
import type { FC } from "hono/jsx";
import { humanSourceLabel } from "../../../core/goals-labels.js";
import type { FrameworkIndex } from "../../../core/model.js";
import type { KeptGoal, KeptPart } from "../../../services/goals.js";
import { GOAL_STATUSES, type GoalStatus } from "../../../store/types.js";
import { CsrfField } from "../../components/forms.js";
import { When } from "../../components/when.js";

export const GOAL_STATUS_NAMES: Record<GoalStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  done: "Done",
  dropped: "Dropped",
};

const PLACEHOLDER_NAMES = { baseline: "baseline", target: "target", date: "date" } as const;

/** A run of the wording: text as written, a filled value, or a placeholder still to fill (marked). */
const Part: FC<{ part: KeptPart }> = ({ part }) => {
  if ("text" in part) return <>{part.text}</>;
  if (part.value !== null) return <strong class="filled-value">{part.value}</strong>;
  const name = PLACEHOLDER_NAMES[part.placeholder];
  return (
    <mark class="placeholder to-fill" data-placeholder={part.placeholder}>
      {`⟨${name}⟩`}
      <span class="visually-hidden">{` (to fill: ${name})`}</span>
    </mark>
  );
};

interface GoalProps {
  goal: KeptGoal;
  index: FrameworkIndex;
  /** Where its forms post (…/goals/<id>), or undefined when the reader may not change it. */
  action: string | undefined;
  csrfToken: string;
  n: number;
}

/** Edit and status forms of one goal. */
const GoalForms: FC<GoalProps & { action: string }> = ({ goal, action, csrfToken, n }) => (
  <div class="goal-forms no-print">
    <form method="post" action={`${action}/status`} class="inline">
      <CsrfField token={csrfToken} />
      <label for={`status-${goal.id}`}>
        Status<span class="visually-hidden">{` of goal ${n}`}</span>
      </label>{" "}
      <select id={`status-${goal.id}`} name="status">
        {GOAL_STATUSES.map((s) => (
          <option value={s} selected={s === goal.status}>
            {GOAL_STATUS_NAMES[s]}
          </option>
        ))}
      </select>{" "}
      <button type="submit" class="secondary">
        Set<span class="visually-hidden">{` the status of goal ${n}`}</span>
      </button>
    </form>
    <details class="goal-edit" open={goal.toFill.length > 0 ? true : undefined}>
      <summary>
        Edit<span class="visually-hidden">{` goal ${n}`}</span>
      </summary>
      <form method="post" action={action} class="stacked">
        <CsrfField token={csrfToken} />
        <label for={`target-${goal.id}`}>The target (what ⟨target⟩ stands for)</label>
        <input
          id={`target-${goal.id}`}
          name="target-value"
          value={goal.targetValue ?? ""}
          maxlength={200}
          placeholder="e.g. 1 incident a quarter"
        />
        <label for={`due-${goal.id}`}>By when (⟨date⟩)</label>
        <input id={`due-${goal.id}`} name="due" type="date" value={goal.due ?? ""} />
        <label for={`text-${goal.id}`}>Wording</label>
        <textarea id={`text-${goal.id}`} name="text" rows={6} required>
          {goal.text}
        </textarea>
        <button type="submit">
          Save<span class="visually-hidden">{` goal ${n}`}</span>
        </button>
      </form>
    </details>
  </div>
);

const KeptGoalItem: FC<GoalProps> = (props) => {
  const { goal, index, action } = props;
  return (
    <li id={`goal-${goal.id}`} class={`kept-goal goal-${goal.status}`}>
      <p class="goal-text">
        {goal.parts.map((part) => (
          <Part part={part} />
        ))}
      </p>
      <p class="meta">
        <span class={`goal-status status-${goal.status}`}>{GOAL_STATUS_NAMES[goal.status]}</span>
        {goal.edited ? <span class="goal-edited"> · edited</span> : null}
        {goal.toFill.length ? (
          <span class="goal-to-fill">{` · to fill: ${goal.toFill.join(", ")}`}</span>
        ) : null}
        {" · kept "}
        <When at={goal.createdAt} />
      </p>
      {goal.edited ? (
        <details class="goal-original">
          <summary>As the framework put it</summary>
          <blockquote class="goal-text">{goal.original}</blockquote>
          <p class="meta">
            {`Quotes: ${goal.sources.map((ref) => humanSourceLabel(index, ref)).join("; ") || "—"}`}
          </p>
        </details>
      ) : null}
      {action ? <GoalForms {...props} action={action} /> : null}
    </li>
  );
};

/** The list of kept goals; `actionOf` gives a goal's form address when the reader may change it. */
export const KeptGoals: FC<{
  goals: KeptGoal[];
  index: FrameworkIndex;
  actionOf: ((goal: KeptGoal) => string) | undefined;
  csrfToken: string;
}> = ({ goals, index, actionOf, csrfToken }) =>
  goals.length ? (
    <ul class="kept-goals">
      {goals.map((goal, i) => (
        <KeptGoalItem goal={goal} index={index} action={actionOf?.(goal)} csrfToken={csrfToken} n={i + 1} />
      ))}
    </ul>
  ) : (
    <p>No goals kept yet.</p>
  );
