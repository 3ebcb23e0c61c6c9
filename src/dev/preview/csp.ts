/**
 * The content security policy Forge serves a Custom UI resource under: its own origin for scripts and styles, plus
 * what manifest.yml's `permissions.content` allows (test/manifest checks that this matches the manifest). The
 * preview serves the app under it, so a style or script Forge would block is blocked locally too.
 */
export interface ContentPermissions {
  scripts?: readonly string[];
  styles?: readonly string[];
}

/**
 * manifest.yml's `permissions.content`. Emotion, through older Atlaskit components, injects `<style>` elements at run
 * time: without 'unsafe-inline' Forge's policy drops their rules and those components render unstyled.
 */
export const CONTENT_PERMISSIONS: ContentPermissions = { styles: ['unsafe-inline'] };

/** CSP keywords are quoted in a policy and bare in the manifest; sources (hosts, schemes) are bare in both. */
const KEYWORDS = new Set(['unsafe-inline', 'unsafe-eval', 'unsafe-hashes', 'strict-dynamic', 'self', 'none']);
const source = (entry: string) =>
  KEYWORDS.has(entry) || /^(sha256|sha384|sha512|nonce)-/.test(entry) ? `'${entry}'` : entry;

export function customUiPolicy(content: ContentPermissions = CONTENT_PERMISSIONS): string {
  const directive = (name: string, extra: readonly string[] = []) => [name, "'self'", ...extra.map(source)].join(' ');
  return [directive('script-src', content.scripts), directive('style-src', content.styles)].join('; ');
}
