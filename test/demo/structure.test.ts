import { generateDemoSite } from '../../src/dev/demo';
import type { RestChangeItem, RestComment, RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import {
  adfText,
  CALENDAR_DATE,
  changeItems,
  histories,
  indexSite,
  JIRA_INSTANT,
  level,
  parentKey,
  plannedSpan,
  sprintIds,
  time,
  type SiteIndex,
} from './site-index';

/** The default seed (what the demo shows) and one other: the checks must hold for any seed. */
const SEEDS: Array<number | undefined> = [undefined, 2];
let site: SiteSnapshot;
let index: SiteIndex;

const comments = (issue: RestIssue): RestComment[] => (issue.fields.comment as { comments: RestComment[] }).comments;

describe.each(SEEDS)('demo site (seed %s)', (seed) => {
  beforeAll(() => {
    site = generateDemoSite(seed === undefined ? {} : { seed });
    index = indexSite(site);
  });

  describe('demo site: fields and types', () => {
    it('finds every custom field by its schema, none at the ids most sites use', () => {
      expect(Object.values(index.field)).not.toContain('customfield_10020');
      expect(Object.values(index.field)).not.toContain('customfield_10016');
      expect(
        site.fields.filter((field) => field.schema?.custom === 'com.pyxis.greenhopper.jira:gh-lexo-rank').length,
      ).toBeGreaterThanOrEqual(2);
      for (const id of [
        'summary',
        'description',
        'issuetype',
        'status',
        'priority',
        'labels',
        'fixVersions',
        'duedate',
        'assignee',
        'reporter',
        'creator',
        'created',
        'updated',
        'resolutiondate',
        'parent',
        'comment',
      ]) {
        expect(site.fields.some((field) => field.id === id && field.custom === false)).toBe(true);
      }
    });

    it('has an open set of issue types placed by hierarchy level', () => {
      const types = new Map(
        site.issues.map((issue) => [(issue.fields.issuetype as { name: string }).name, level(issue)]),
      );
      expect(types).toEqual(
        new Map([
          ['Initiative', 2],
          ['Epic', 1],
          ['Story', 0],
          ['Bug', 0],
          ['Task', 0],
          ['Spike', 0],
          ['Sub-task', -1],
        ]),
      );
    });
  });

  describe('demo site: references resolve', () => {
    it('gives every issue a unique id and key, keys numbered in creation order per project', () => {
      expect(index.issueById.size).toBe(site.issues.length);
      expect(index.issueByKey.size).toBe(site.issues.length);
      const byProject = new Map<string, RestIssue[]>();
      for (const issue of site.issues)
        byProject.set(issue.key.split('-')[0]!, [...(byProject.get(issue.key.split('-')[0]!) ?? []), issue]);
      for (const issues of byProject.values()) {
        const byNumber = [...issues].sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]));
        const created = byNumber.map((issue) => time(issue.fields.created as string));
        expect(created).toEqual([...created].sort((a, b) => a - b));
        expect(byNumber.map((issue) => Number(issue.key.split('-')[1]))).toEqual(
          byNumber.map((_, position) => position + 1),
        );
      }
    });

    it('resolves every parent and sub-task to an issue one level up or down', () => {
      for (const issue of site.issues) {
        const parent = issue.fields.parent as { id: string; key: string; fields: { summary: string } } | undefined;
        if (parent) {
          const target = index.issueByKey.get(parent.key);
          expect(target?.id).toBe(parent.id);
          expect(target?.fields.summary).toBe(parent.fields.summary);
          expect(level(target!)).toBeGreaterThan(level(issue));
        }
        for (const subtask of issue.fields.subtasks as Array<{ key: string }>) {
          expect(parentKey(index.issueByKey.get(subtask.key)!)).toBe(issue.key);
        }
        expect(level(issue) === -1).toBe(parent !== undefined && level(index.issueByKey.get(parent.key)!) === 0);
      }
    });

    it("resolves every sprint on an issue to its board's sprint, and every board to a project", () => {
      const projectIds = new Set(site.projects.map((project) => Number(project.id)));
      for (const board of site.boards) expect(projectIds.has(Number(board.location?.projectId))).toBe(true);
      for (const boardId of Object.keys(site.sprints))
        expect(site.boards.some((board) => String(board.id) === boardId)).toBe(true);
      for (const issue of site.issues) {
        for (const entry of (issue.fields[index.field.sprint] as Array<{
          id: number;
          name: string;
          state: string;
          boardId: number;
          goal: string;
        }> | null) ?? []) {
          const sprint = index.sprintById.get(entry.id);
          expect(sprint).toMatchObject({
            name: entry.name,
            state: entry.state,
            boardId: entry.boardId,
            goal: entry.goal,
          });
          expect(site.boards.find((board) => board.id === entry.boardId)?.location?.projectKey).toBe(
            issue.key.split('-')[0],
          );
        }
      }
    });

    it('resolves every user reference to a user of the site', () => {
      const referenced: string[] = [];
      for (const issue of site.issues) {
        for (const field of ['assignee', 'reporter', 'creator']) {
          const user = issue.fields[field] as { accountId: string } | null;
          if (user) referenced.push(user.accountId);
        }
        for (const history of histories(issue)) referenced.push(history.author!.accountId);
        for (const comment of comments(issue)) referenced.push(comment.author!.accountId);
        for (const { item } of changeItems(issue)) if (item.field === 'assignee' && item.to) referenced.push(item.to);
      }
      for (const group of site.groups) referenced.push(...group.members);
      for (const roles of Object.values(site.projectRoles))
        for (const role of roles)
          for (const actor of role.actors ?? []) if (actor.actorUser) referenced.push(actor.actorUser.accountId);
      for (const project of site.projects) referenced.push(project.lead!.accountId!);
      referenced.push(...Object.keys(site.permissions ?? {}));
      expect(referenced.filter((accountId) => !index.userIds.has(accountId))).toEqual([]);
      const groups = new Set(site.groups.map((group) => group.name));
      for (const roles of Object.values(site.projectRoles))
        for (const role of roles)
          for (const actor of role.actors ?? [])
            if (actor.actorGroup) expect(groups.has(actor.actorGroup.name!)).toBe(true);
    });
  });

  describe('demo site: histories and dates', () => {
    it('numbers histories uniquely site-wide, growing with time', () => {
      const all = site.issues.flatMap((issue) => histories(issue));
      expect(new Set(all.map((history) => history.id)).size).toBe(all.length);
      const byTime = [...all].sort((a, b) => time(a.created) - time(b.created) || Number(a.id) - Number(b.id));
      const ids = byTime.map((history) => Number(history.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const commentIds = site.issues.flatMap((issue) => comments(issue).map((comment) => comment.id));
      expect(new Set(commentIds).size).toBe(commentIds.length);
    });

    it('writes instants with offsets and calendar dates as YYYY-MM-DD, all in the past of capturedAt', () => {
      const offsets = new Set<string>();
      for (const issue of site.issues) {
        const instants = [
          issue.fields.created,
          issue.fields.updated,
          issue.fields.statuscategorychangedate,
          issue.fields.resolutiondate,
        ]
          .filter((value): value is string => typeof value === 'string')
          .concat(histories(issue).map((history) => String(history.created)))
          .concat(comments(issue).flatMap((comment) => [comment.created, String(comment.updated)]));
        for (const instant of instants) {
          expect(instant).toMatch(JIRA_INSTANT);
          expect(time(instant)).toBeLessThan(index.now);
          offsets.add(instant.slice(23));
        }
        for (const field of ['duedate', index.field.startDate, index.field.targetStart, index.field.targetEnd]) {
          const value = issue.fields[field];
          if (value !== null && value !== undefined) expect(value).toMatch(CALENDAR_DATE);
        }
        for (const history of histories(issue))
          expect(time(history.created)).toBeGreaterThanOrEqual(time(issue.fields.created as string));
      }
      for (const offset of ['+0000', '+0800', '-0500', 'Z']) expect(offsets).toContain(offset);
    });

    it('ends every field where its last history item leaves it', () => {
      const problems = site.issues.flatMap((issue) => disagreements(issue, index));
      expect(problems).toEqual([]);
    });

    it('writes sprint changes as Jira does: custom "Sprint" field, ids as comma lists', () => {
      const sprintItems = site.issues.flatMap((issue) =>
        changeItems(issue).filter(({ item }) => item.field === 'Sprint'),
      );
      expect(sprintItems.length).toBeGreaterThan(300);
      for (const { item } of sprintItems) {
        expect(item).toMatchObject({ fieldtype: 'custom', fieldId: index.field.sprint });
        expect(item.to).toMatch(/^(\d+(, \d+)*)?$/);
        const names = (item.to ? item.to.split(', ') : []).map((id) => index.sprintById.get(Number(id))?.name);
        expect(names.join(', ')).toBe(item.toString);
      }
      expect(sprintItems.some(({ item }) => (item.to ?? '').includes(','))).toBe(true);
      const rank = site.issues.flatMap((issue) => changeItems(issue).filter(({ item }) => item.field === 'Rank'));
      expect(rank.length).toBeGreaterThan(500);
      for (const { item } of rank)
        expect(item).toMatchObject({ fieldtype: 'custom', fieldId: index.field.rank, from: '', to: '' });
    });

    it('keeps sprints in order: closed ones completed, one active sprint per board around now', () => {
      for (const sprints of Object.values(site.sprints)) {
        expect(sprints.filter((sprint) => sprint.state === 'active')).toHaveLength(1);
        for (const sprint of sprints) {
          expect(time(sprint.startDate!)).toBeLessThan(time(sprint.endDate!));
          if (sprint.state === 'closed') expect(time(sprint.completeDate!)).toBeLessThan(index.now);
          if (sprint.state === 'active') expect(index.now).toBeGreaterThanOrEqual(time(sprint.startDate!));
          if (sprint.state === 'future') expect(time(sprint.startDate!)).toBeGreaterThan(index.now - 86_400_000);
          expect(sprint.state === 'closed').toBe(sprint.completeDate !== undefined);
        }
      }
    });

    it('gives every roadmap item a planned start and end', () => {
      const roadmap = site.issues.filter((issue) => level(issue) >= 1);
      expect(roadmap.length).toBeGreaterThan(40);
      for (const issue of roadmap) {
        const span = plannedSpan(issue, index);
        expect([issue.key, Boolean(span.start && span.end)]).toEqual([issue.key, true]);
        expect(span.start! < span.end!).toBe(true);
      }
    });
  });

  describe('demo site: people, roles and words', () => {
    it('has an app, a deleted user, an inactive user and users who hide their e-mail', () => {
      const app = site.users.find((user) => user.accountType === 'app')!;
      const former = site.users.find((user) => user.displayName === 'Former user')!;
      expect(former).toMatchObject({ accountType: 'atlassian', active: false });
      expect(former.emailAddress).toBeUndefined();
      expect(
        site.users.some(
          (user) => user.active === false && user.displayName !== 'Former user' && user.accountType === 'atlassian',
        ),
      ).toBe(true);
      expect(
        site.users.filter((user) => user.accountType === 'atlassian' && user.active && !user.emailAddress).length,
      ).toBeGreaterThanOrEqual(2);
      for (const account of [app.accountId, former.accountId]) {
        expect(
          site.issues.some((issue) => histories(issue).some((history) => history.author?.accountId === account)),
        ).toBe(true);
        expect(
          site.issues.some((issue) => comments(issue).some((comment) => comment.author?.accountId === account)),
        ).toBe(true);
      }
    });

    it('declares roles through project roles with users and groups', () => {
      for (const roles of Object.values(site.projectRoles)) {
        expect(roles.map((role) => role.name)).toEqual(
          expect.arrayContaining(['Product Manager', 'Product Owner', 'Developers', 'Scrum Master', 'Administrators']),
        );
      }
      const actorTypes = new Set(
        Object.values(site.projectRoles).flatMap((roles) =>
          roles.flatMap((role) => (role.actors ?? []).map((actor) => actor.type)),
        ),
      );
      expect(actorTypes).toEqual(new Set(['atlassian-user-role-actor', 'atlassian-group-role-actor']));
      const combined = [...index.pmsByProject].filter(([key, pms]) =>
        [...pms].some((pm) => index.posByProject.get(key)!.has(pm)),
      );
      expect(combined.map(([key]) => key)).toEqual(['GRO']);
      expect([...index.posByProject].filter(([, pos]) => pos.size === 0).map(([key]) => key)).toEqual(['DATA']);
    });

    it("restricts one developer's view and names a site admin and project admins", () => {
      const permissions = Object.values(site.permissions ?? {});
      expect(permissions.some((entry) => entry.admin)).toBe(true);
      expect(permissions.some((entry) => (entry.projectAdmin ?? []).length > 0)).toBe(true);
      expect(permissions.some((entry) => (entry.projects ?? []).length < site.projects.length)).toBe(true);
    });

    it('writes comments in ADF, in English and also German, French, Spanish and Japanese', () => {
      const texts = site.issues.flatMap((issue) => comments(issue).map((comment) => adfText(comment.body)));
      for (const comment of site.issues.flatMap((issue) => comments(issue)))
        expect(comment.body).toMatchObject({ type: 'doc', version: 1 });
      expect(texts.some((text) => /Akzeptanzkriterien|Sprint|Bescheid/.test(text) && /[äöüß]/.test(text))).toBe(true);
      expect(texts.some((text) => /\b(les|une|pour)\b/.test(text) && /[éèà]/.test(text))).toBe(true);
      expect(texts.some((text) => /\b(los|que|para)\b/.test(text) && /[áéíóñ]/.test(text))).toBe(true);
      expect(texts.some((text) => /[\u3040-\u30ff\u4e00-\u9faf]/.test(text))).toBe(true);
      expect(
        site.issues.some((issue) =>
          comments(issue).some((comment) => JSON.stringify(comment.body).includes('"type":"mention"')),
        ),
      ).toBe(true);
    });
  });
});

/** Every field that a changelog touches must end on the value of its last item. */
function disagreements(issue: RestIssue, site: SiteIndex): string[] {
  const last = new Map<string, RestChangeItem>();
  const versions = new Map<string, RestChangeItem>();
  for (const { item } of changeItems(issue)) {
    last.set(item.fieldId ?? item.field, item);
    if (item.fieldId === 'fixVersions') versions.set(item.to ?? item.from ?? '', item);
  }
  const fields = issue.fields;
  const problems: string[] = [];
  const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      problems.push(`${issue.key} ${what}: field ${JSON.stringify(actual)}, history ${JSON.stringify(expected)}`);
  };
  for (const [key, item] of last) {
    switch (key) {
      case 'status':
        expectEqual('status', (fields.status as { id: string }).id, item.to);
        break;
      case 'resolution':
        expectEqual('resolution', (fields.resolution as { id: string } | null)?.id ?? null, item.to);
        break;
      case 'assignee':
        expectEqual('assignee', (fields.assignee as { accountId: string } | null)?.accountId ?? null, item.to);
        break;
      case 'priority':
        expectEqual('priority', (fields.priority as { id: string }).id, item.to);
        break;
      case 'duedate':
        expectEqual('duedate', fields.duedate, item.to);
        break;
      case 'labels':
        expectEqual('labels', (fields.labels as string[]).join(' '), item.toString);
        break;
      case 'description':
        expectEqual('description', adfText(fields.description), item.toString);
        break;
      case 'IssueParentAssociation':
        expectEqual('parent', (fields.parent as { id: string } | undefined)?.id ?? null, item.to);
        break;
      case site.field.sprint:
        expectEqual('sprint', sprintIds(issue, site).join(', '), item.to);
        break;
      case site.field.storyPoints:
        expectEqual('story points', fields[key] === null ? null : JSON.stringify(fields[key]), item.toString);
        break;
      case site.field.startDate:
      case site.field.targetStart:
      case site.field.targetEnd:
        expectEqual(item.field, fields[key], item.toString);
        break;
      case site.field.flagged:
        expectEqual('flagged', fields[key] === null ? null : 'Impediment', item.toString);
        break;
      default:
        break;
    }
  }
  for (const [id, item] of versions) {
    const present = (fields.fixVersions as Array<{ id: string }>).some((version) => version.id === id);
    expectEqual(`fix version ${id}`, present, item.to === id);
  }
  if (!last.has(site.field.sprint) && level(issue) >= 0)
    expectEqual('sprint without any history', fields[site.field.sprint], null);
  return problems;
}
