/**
 * A guidance section of a framework or a level (how to read it, managing people at a level…): its text,
 * its items and its titled sub-sections. Where it goes (`placement: before | after`) is the page's choice.
 */
import type { FC } from "hono/jsx";
import type { GuidanceSection } from "../../core/schema.js";
import { Md, MdList, Section } from "./page.js";

export const Guidance: FC<{ section: GuidanceSection; id: string }> = ({ section, id }) => (
  <Section id={id} title={<Md text={section.title} inline />}>
    <Md text={section.text} />
    <Items items={section.items} />
    {(section.sections ?? []).map((sub) => (
      <div class="guidance-sub">
        <h3>
          <Md text={sub.title} inline />
        </h3>
        <Md text={sub.text} />
        <Items items={sub.items} />
      </div>
    ))}
  </Section>
);

export const Items: FC<{ items: string[] | undefined }> = ({ items }) =>
  items?.length ? <MdList items={items} class="level-list" /> : null;
