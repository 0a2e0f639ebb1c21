/**
 * Opt-in full offline support: `<quarry-search offline>` registers the
 * service worker written by `quarry build --sw` (default: `quarry-sw.js` in
 * the site root, i.e. next to the index folder), or the URL given as the
 * attribute's value.
 */
export function registerOfflineSupport(indexUrl: string): void {
  const element = document.querySelector('quarry-search[offline]');
  if (!element || !('serviceWorker' in navigator)) return;
  const value = element.getAttribute('offline');
  const url = value && value !== 'true' ? new URL(value, location.href) : new URL('../quarry-sw.js', indexUrl);
  navigator.serviceWorker.register(url.href).catch((e: Error) => {
    console.warn(`quarry: service worker ${url.href} could not be registered (${e.message}). Build with \`quarry build --sw\` or remove the offline attribute.`);
  });
}
