/** Keyboard helpers: platform, global shortcuts and list movement. */

export function isApplePlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

export function currentPlatform(): string {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return nav.userAgentData?.platform || nav.platform || '';
}

/** Visible keys for the trigger: ["⌘", "K"] on Apple platforms, ["Ctrl", "K"] elsewhere. */
export function shortcutKeys(hotkey: string, apple: boolean): [string, string] {
  return [apple ? '⌘' : 'Ctrl', hotkey.toUpperCase()];
}

export function ariaKeyShortcuts(hotkey: string): string {
  const k = hotkey.toUpperCase();
  return `Control+${k} Meta+${k} /`;
}

/** The part of a KeyboardEvent the shortcut logic looks at (plain data, testable in Node). */
export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** Ctrl/⌘ + hotkey (either modifier on any platform, like DocSearch). */
export function isOpenShortcut(e: KeyInfo, hotkey: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === hotkey;
}

/** `/` with no modifier opens search, but only when the user is not typing somewhere. */
export function isSlashShortcut(e: KeyInfo): boolean {
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** True when the event target (through shadow roots) is a text field or contenteditable. */
export function isEditableTarget(e: Event): boolean {
  const el = (e.composedPath()[0] ?? e.target) as Element | null;
  if (!el || !(el instanceof Element)) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  return false;
}

/** Next selected index moving by `delta`, wrapping; -1 when the list is empty. */
export function moveIndex(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return (((current + delta) % length) + length) % length;
}

/** Open in a new tab: Ctrl-Enter / ⌘-Enter, or Ctrl/⌘/middle click. */
export function wantsNewTab(e: { ctrlKey: boolean; metaKey: boolean; button?: number }): boolean {
  return e.ctrlKey || e.metaKey || e.button === 1;
}
