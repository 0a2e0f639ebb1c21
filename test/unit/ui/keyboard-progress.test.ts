import { describe, expect, it } from 'vitest';
import { isApplePlatform, isOpenShortcut, isSlashShortcut, moveIndex, shortcutKeys, wantsNewTab } from '../../../src/ui/keyboard.ts';
import { formatBytes, progressFraction, progressText } from '../../../src/ui/progress.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard', () => {
  it('platform labels', () => {
    expect(isApplePlatform('MacIntel')).toBe(true);
    expect(isApplePlatform('macOS')).toBe(true);
    expect(isApplePlatform('iPhone')).toBe(true);
    expect(isApplePlatform('Linux x86_64')).toBe(false);
    expect(shortcutKeys('k', true)).toEqual(['⌘', 'K']);
    expect(shortcutKeys('k', false)).toEqual(['Ctrl', 'K']);
  });

  it('shortcuts', () => {
    expect(isOpenShortcut(key('k', { ctrlKey: true }), 'k')).toBe(true);
    expect(isOpenShortcut(key('K', { metaKey: true }), 'k')).toBe(true);
    expect(isOpenShortcut(key('k'), 'k')).toBe(false);
    expect(isOpenShortcut(key('k', { ctrlKey: true, shiftKey: true }), 'k')).toBe(false);
    expect(isOpenShortcut(key('j', { ctrlKey: true }), 'k')).toBe(false);
    expect(isSlashShortcut(key('/'))).toBe(true);
    expect(isSlashShortcut(key('/', { ctrlKey: true }))).toBe(false);
  });

  it('moveIndex wraps', () => {
    expect(moveIndex(-1, 1, 3)).toBe(0);
    expect(moveIndex(-1, -1, 3)).toBe(2);
    expect(moveIndex(2, 1, 3)).toBe(0);
    expect(moveIndex(0, -1, 3)).toBe(2);
    expect(moveIndex(1, 1, 3)).toBe(2);
    expect(moveIndex(0, 1, 0)).toBe(-1);
  });

  it('new tab on Ctrl/⌘ or middle button', () => {
    expect(wantsNewTab({ ctrlKey: true, metaKey: false })).toBe(true);
    expect(wantsNewTab({ ctrlKey: false, metaKey: true })).toBe(true);
    expect(wantsNewTab({ ctrlKey: false, metaKey: false, button: 1 })).toBe(true);
    expect(wantsNewTab({ ctrlKey: false, metaKey: false, button: 0 })).toBe(false);
  });
});

describe('progress', () => {
  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(42_000)).toBe('42 kB');
    expect(formatBytes(23_456_789)).toBe('23.5 MB');
  });

  it('text and fraction per phase', () => {
    expect(progressText({ phase: 'model', loaded: 1e6, total: 4e6, message: '' })).toBe('Downloading semantic search model… 1.0 MB of 4.0 MB');
    expect(progressText({ phase: 'index', loaded: 0, total: 0, message: '' })).toBe('Loading search index…');
    expect(progressText({ phase: 'warmup', loaded: 0, total: 0, message: 'Compiling…' })).toBe('Compiling…');
    expect(progressText({ phase: 'ready', loaded: 0, total: 0, message: 'done' })).toBeNull();
    expect(progressText({ phase: 'failed', loaded: 0, total: 0, message: 'x' })).toBeNull();
    expect(progressFraction({ phase: 'model', loaded: 1, total: 4, message: '' })).toBe(0.25);
    expect(progressFraction({ phase: 'model', loaded: 5, total: 4, message: '' })).toBe(1);
    expect(progressFraction({ phase: 'model', loaded: 5, total: 0, message: '' })).toBeNull();
  });
});
