/**
 * The stand-in for the Forge bridge, as the script the preview injects before the app's bundle. In Jira the
 * host page answers `globalThis.__bridge.callBridge(command, payload)`; here this script does, with the module
 * context taken from the page's address (theme, locale, time zone) and resolver calls sent to the preview server, which runs the real
 * resolvers. Everything else in the bundle is what Forge serves.
 */
export const BRIDGE_SCRIPT = String.raw`(() => {
  const params = new URLSearchParams(window.location.search);
  const preview = JSON.parse(document.getElementById('forge-preview-context').textContent);
  const colorMode = params.get('theme') === 'dark' ? 'dark' : 'light';
  const context = {
    accountId: preview.accountId,
    cloudId: 'preview',
    localId: 'preview-' + preview.moduleKey,
    moduleKey: preview.moduleKey,
    siteUrl: preview.siteUrl,
    // Jira gives the viewer's own locale and time zone; the preview's viewer reads British English in UTC unless the
    // address asks for others (&locale=en_US&timezone=America/New_York).
    locale: params.get('locale') || 'en_GB',
    timezone: params.get('timezone') || 'UTC',
    theme: { colorMode },
    extension: preview.extension,
  };
  async function invoke(payload) {
    const response = await fetch('/__preview/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey: payload.functionKey, payload: payload.payload ?? {}, context: { accountId: context.accountId, moduleKey: context.moduleKey, extension: context.extension } }),
    });
    if (!response.ok) throw new Error('The preview server answered ' + response.status + ': ' + (await response.text()));
    return response.json();
  }
  function enableTheming() {
    const root = document.documentElement;
    root.setAttribute('data-color-mode', colorMode);
    root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
    if (document.getElementById('forge-preview-tokens')) return Promise.resolve();
    return new Promise((resolve) => {
      const link = document.createElement('link');
      link.id = 'forge-preview-tokens';
      link.rel = 'stylesheet';
      link.href = '/__preview/tokens.css';
      link.onload = () => resolve();
      link.onerror = () => resolve();
      document.head.appendChild(link);
    });
  }
  globalThis.__bridge = {
    callBridge: async (command, payload) => {
      switch (command) {
        case 'getContext': return JSON.parse(JSON.stringify(context));
        case 'invoke': return invoke(payload);
        case 'enableTheming': return enableTheming();
        case 'open':
        case 'navigate':
          if (payload && payload.url) window.open(payload.url, '_blank', 'noopener');
          return true;
        default: return undefined;
      }
    },
  };
})();`;
