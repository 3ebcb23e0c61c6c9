/**
 * The design-token themes Jira injects into a Custom UI frame once it calls `view.theme.enable()`: light, dark,
 * spacing, typography and shape, as @atlaskit/tokens ships them.
 */
const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

let cached: string | undefined;

export function tokenStyles(): string {
  cached ??= THEMES.map(
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the theme's CSS is a CommonJS module picked by name
    (theme) => (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: string }).default,
  ).join('\n');
  return cached;
}
