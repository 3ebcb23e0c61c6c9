import { person } from './people';
import type { RuleId } from '../../rules';
import type { PlantedNote, Scenario } from './scenario/types';
import type { Skeleton } from './skeleton';

/** A deliberate role-boundary case on the demo site: the answer key the auditor is tested against. */
export interface PlantedCase {
  id: string;
  kind: 'problem' | 'control';
  rule: RuleId;
  subject: PlantedSubject;
  description: string;
}

export interface PlantedSubject {
  type: 'person' | 'item' | 'sprint' | 'project';
  /** Issue or project key. */
  key?: string;
  /** Account id of a person, id of a sprint. */
  id?: string;
}

/** Gathers the `planted` notes from the scenario, naming each subject as it appears on the generated site. */
export function collectPlanted(scenario: Scenario, skeleton: Skeleton): PlantedCase[] {
  const cases: PlantedCase[] = [];
  const add = (notes: PlantedNote[] | undefined, subject: PlantedSubject, ref: string): void => {
    for (const note of notes ?? [])
      cases.push({
        id: `${note.kind}:${note.rule}:${ref}`,
        kind: note.kind,
        rule: note.rule,
        subject,
        description: note.description,
      });
  };
  for (const project of scenario.projects) add(project.planted, { type: 'project', key: project.key }, project.key);
  for (const sprint of skeleton.sprints)
    add(sprint.special?.planted, { type: 'sprint', id: String(sprint.id) }, `sprint-${sprint.id}`);
  for (const item of skeleton.items) add(item.planted, { type: 'item', key: item.key }, item.key);
  for (const entry of scenario.people) {
    const accountId = person(entry.who).accountId;
    add(entry.planted, { type: 'person', id: accountId }, accountId);
  }
  return cases;
}
