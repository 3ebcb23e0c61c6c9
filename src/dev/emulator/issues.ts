import type { RestComment, RestHistory, RestIssue } from '../../jira/snapshot';
import { commentsOldestFirst, historiesOldestFirst, issueComments, type Site } from './site';

/** `expand=changelog` on a search embeds at most this many histories, the most recent ones, newest first. */
const SEARCH_CHANGELOG_CAP = 40;
/** An issue's `comment` field embeds at most this many comments, the most recent ones, oldest first; `total` stays true. */
const EMBEDDED_COMMENT_CAP = 100;
const ISSUE_EXPAND = 'operations,versionedRepresentations,editmeta,changelog,renderedFields';

/** The `fields` parameter of the issue-returning endpoints: `*all`, `*navigable`, ids, and `-id` exclusions. */
export class FieldSelection {
  private constructor(
    private readonly base: 'all' | 'navigable' | 'none',
    private readonly included: ReadonlySet<string>,
    private readonly excluded: ReadonlySet<string>,
  ) {}

  /** `tokens` are the parameter's values already split on commas; an empty list means `defaults`. */
  static parse(tokens: readonly string[], defaults: readonly string[]): FieldSelection {
    const effective = tokens.length > 0 ? tokens : defaults;
    let base: 'all' | 'navigable' | 'none' = 'none';
    const included = new Set<string>();
    const excluded = new Set<string>();
    for (const token of effective) {
      if (token === '*all') base = 'all';
      else if (token === '*navigable') base = base === 'all' ? 'all' : 'navigable';
      else if (token.startsWith('-')) excluded.add(token.slice(1));
      else included.add(token);
    }
    // Exclusions alone trim the navigable fields, as Jira documents for `-description`.
    if (base === 'none' && included.size === 0 && excluded.size > 0) base = 'navigable';
    return new FieldSelection(base, included, excluded);
  }

  /** True when nothing but `id` and `key` is asked for: the cheap kind of search page. */
  get onlyIdOrKey(): boolean {
    return this.base === 'none' && [...this.included].every((token) => token === 'id' || token === 'key');
  }

  get wantsKey(): boolean {
    return this.included.has('key') && !this.excluded.has('key');
  }

  /** A predicate over the snapshot's field ids; requested tokens may be field keys, which resolve to ids. */
  fieldFilter(site: Site): (fieldId: string) => boolean {
    const resolve = (token: string) => site.field(token)?.id ?? token;
    const included = new Set([...this.included].map(resolve));
    const excluded = new Set([...this.excluded].map(resolve));
    return (fieldId) =>
      !excluded.has(fieldId) &&
      (included.has(fieldId) || this.base === 'all' || (this.base === 'navigable' && site.isNavigable(fieldId)));
  }
}

export interface RenderOptions {
  selection: FieldSelection;
  expandChangelog: boolean;
  /** The issue `self` link, when the snapshot did not record one. */
  selfLink: (issue: RestIssue) => string;
}

export interface RenderedIssue {
  json: Record<string, unknown>;
  /** How many objects the rendering returns: the issue, embedded histories and embedded comments. */
  objects: number;
}

export function renderIssue(issue: RestIssue, site: Site, options: RenderOptions): RenderedIssue {
  const { selection } = options;
  let objects = 1;
  const json: Record<string, unknown> = {};
  if (selection.onlyIdOrKey) {
    json['id'] = issue.id;
    if (selection.wantsKey) json['key'] = issue.key;
  } else {
    json['expand'] = ISSUE_EXPAND;
    json['id'] = issue.id;
    json['self'] = issue.self ?? options.selfLink(issue);
    json['key'] = issue.key;
    const wanted = selection.fieldFilter(site);
    const fields: Record<string, unknown> = {};
    for (const [fieldId, value] of Object.entries(issue.fields)) {
      if (!wanted(fieldId)) continue;
      if (fieldId === 'comment') {
        const embedded = embeddedComments(issue, value, options.selfLink(issue));
        fields[fieldId] = embedded.value;
        objects += embedded.count;
      } else {
        fields[fieldId] = value;
      }
    }
    json['fields'] = fields;
  }
  if (options.expandChangelog) {
    const histories = recentHistories(issue.changelog?.histories ?? []);
    json['changelog'] = {
      startAt: 0,
      maxResults: histories.length,
      total: issue.changelog?.histories.length ?? 0,
      histories,
    };
    objects += histories.length;
  }
  return { json, objects };
}

/** The most recent histories, newest first, as search's `expand=changelog` returns them. */
function recentHistories(histories: readonly RestHistory[]): RestHistory[] {
  return historiesOldestFirst(histories).reverse().slice(0, SEARCH_CHANGELOG_CAP);
}

function embeddedComments(issue: RestIssue, value: unknown, issueSelf: string): { value: unknown; count: number } {
  const all = commentsOldestFirst(issueComments(issue));
  const kept: RestComment[] = all.slice(Math.max(0, all.length - EMBEDDED_COMMENT_CAP));
  const recorded = typeof value === 'object' && value !== null ? (value as { self?: unknown }) : {};
  return {
    value: {
      comments: kept,
      self: typeof recorded.self === 'string' ? recorded.self : `${issueSelf}/comment`,
      maxResults: kept.length,
      total: all.length,
      startAt: all.length - kept.length,
    },
    count: kept.length,
  };
}
