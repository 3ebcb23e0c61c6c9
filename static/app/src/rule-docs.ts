/// <reference types="vite/client" />
/** The rules' docs (src/rules/<category>/<name>.md), bundled into the UI at build time: no file is fetched at run time. */
const DOCS = import.meta.glob<string>('../../../src/rules/*/*.md', { query: '?raw', import: 'default', eager: true });

/** The doc of a rule by id (`overlap/dual-role`), undefined for a rule without one. */
export function ruleDoc(ruleId: string): string | undefined {
  return DOCS[`../../../src/rules/${ruleId}.md`];
}
