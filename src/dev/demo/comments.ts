import { person, type Language } from './people';
import type { Random } from './random';
import type { Handle } from './scenario/types';
import { AUTOMATION_COMMENTS, COMMENTS, FILLERS, type Voice } from './texts';

/** Comment text as Jira stores it in ADF: plain runs and @mentions. */
export type Segment = { text: string } | { mention: Handle };

export interface CommentDraft {
  at: number;
  author: Handle;
  segments: Segment[];
  /** Edited a little later by its author. */
  editedAt?: number;
}

export interface FillContext {
  /** Teammates who may be mentioned. */
  teammates: Handle[];
  sprint: string;
  release: string;
  branch: string;
}

/** A comment in `voice`, in one of the author's languages, with its placeholders filled. */
export function writeComment(random: Random, voice: Voice, author: Handle, context: FillContext): Segment[] {
  const pool = COMMENTS[voice];
  const language = pickLanguage(random, author);
  const texts = pool[language] ?? pool.en;
  return fill(random, random.pick(texts), author, context);
}

export function automationComment(
  random: Random,
  kind: keyof typeof AUTOMATION_COMMENTS,
  context: FillContext,
): Segment[] {
  return fill(random, AUTOMATION_COMMENTS[kind], 'automation', context);
}

export function literal(text: string): Segment[] {
  return [{ text }];
}

function pickLanguage(random: Random, author: Handle): Language {
  const languages = person(author).languages ?? {};
  let roll = random.next();
  for (const [language, share] of Object.entries(languages) as Array<[Language, number]>) {
    roll -= share;
    if (roll < 0) return language;
  }
  return 'en';
}

function fill(random: Random, template: string, author: Handle, context: FillContext): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(/\{(@dev|[a-z]+)\}/g)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1]!;
    if (name === '@dev') {
      const others = context.teammates.filter((handle) => handle !== author);
      if (others.length === 0) continue;
      if (text) segments.push({ text });
      text = '';
      segments.push({ mention: random.pick(others) });
    } else {
      text += value(random, name, context);
    }
  }
  text += template.slice(last);
  if (text) segments.push({ text });
  return segments;
}

function value(random: Random, name: string, context: FillContext): string {
  switch (name) {
    case 'sprint':
      return context.sprint;
    case 'release':
      return context.release;
    case 'branch':
      return context.branch;
    case 'n':
      return String(random.int(3, 12));
    case 'pr':
      return String(random.int(812, 3480));
    case 'ms':
      return String(random.int(3, 45));
    case 'build':
      return `5.${random.int(12, 18)}.${random.int(0, 3)} (${random.int(4000, 4300)})`;
    default: {
      const options = (FILLERS as Record<string, readonly string[]>)[name];
      if (!options) throw new Error(`unknown placeholder {${name}} in a demo comment`);
      return random.pick(options);
    }
  }
}
