/**
 * Assessments made on a given version of the example framework, for the tests of what happens when the
 * framework changes (carried picks, the "framework changed" notice): the example app's loaded framework
 * and its live snapshot, and a self-assessment submitted on any stored version.
 */
import type { FrameworkSnapshot } from "../../src/core/assessment.js";
import { liveSnapshot } from "../../src/services/assessments.js";
import type { Store } from "../../src/store/store.js";
import { exampleApp } from "./app.js";

/** The snapshot of the example's engineering framework as loaded now. */
export async function currentEngineering(): Promise<FrameworkSnapshot> {
  const { registry } = await exampleApp();
  const fw = registry.get("engineering");
  if (!fw?.index) throw new Error("the example did not load");
  return liveSnapshot(fw, fw.index);
}

/** Submits a self-assessment of the person at `level` on `version`, picking `pick` for planning. */
export async function selfAssessedOn(
  store: Store,
  personId: string,
  version: string,
  { level = "mid", pick = level }: { level?: string; pick?: string } = {},
): Promise<void> {
  const started = await store.assessments.startDraft({
    personId,
    authorId: personId,
    kind: "self",
    cycleId: null,
    framework: "engineering",
    frameworkVersion: version,
    level,
  });
  if (!started.ok) throw new Error("draft");
  const saved = await store.assessments.saveDraft(started.value.id, started.value.version, {
    picks: [{ competency: "planning", level: pick }],
  });
  if (!saved.ok) throw new Error("save");
  await store.assessments.submit(saved.value.id, saved.value.version);
}
