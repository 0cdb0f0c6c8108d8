/**
 * Where someone stands with signing in, as the admin people pages say it: active, invited (when, until when),
 * their invitation lapsed, never signed in, or deactivated. "Can sign in" is only said of someone who can.
 */
import type { FC } from "hono/jsx";
import type { Invitation } from "../../../store/invitations.repository.js";
import type { Person } from "../../../store/types.js";
import { When } from "../../components/when.js";

export type SignInState =
  | { kind: "deactivated" }
  | { kind: "active" }
  | { kind: "invited"; invitation: Invitation }
  | { kind: "expired"; invitation: Invitation }
  | { kind: "never" };

/**
 * A person's state: a password or a kept session means active; else an open invitation, a lapsed one, or
 * none at all.
 */
export function signInState(
  person: Person,
  invitation: Invitation | undefined,
  signedIn: boolean,
  now: Date,
): SignInState {
  if (!person.active) return { kind: "deactivated" };
  if (person.hasPassword || signedIn) return { kind: "active" };
  if (invitation && invitation.acceptedAt === null) {
    return invitation.expiresAt > now ? { kind: "invited", invitation } : { kind: "expired", invitation };
  }
  return { kind: "never" };
}

/** The state in a few words, with the times of an invitation (relative, exact on hover). */
export const SignInStateText: FC<{ state: SignInState; admin?: boolean }> = ({ state, admin }) => {
  const role = admin ? " · admin" : "";
  switch (state.kind) {
    case "deactivated":
      return <span class="person-state">{`Deactivated${role}`}</span>;
    case "active":
      return <span class="person-state">{`Active${role}`}</span>;
    case "never":
      return (
        <span class="person-state">
          {`Never signed in${role}`}
          <span class="meta">no password yet, not invited</span>
        </span>
      );
    case "invited":
      return (
        <span class="person-state">
          {"Invited "}
          <When at={state.invitation.invitedAt} show="relative" label="Invited" />
          {state.invitation.delivery === "mail" ? " by mail" : " (link passed on)"}
          {role}
          <span class="meta">
            {"link expires "}
            <When at={state.invitation.expiresAt} show="relative" label="Expires" />
          </span>
        </span>
      );
    case "expired":
      return (
        <span class="person-state">
          {`Invitation expired${role}`}
          <span class="meta">
            {"on "}
            <When at={state.invitation.expiresAt} label="Expired" />
            {", never signed in"}
          </span>
        </span>
      );
  }
};
