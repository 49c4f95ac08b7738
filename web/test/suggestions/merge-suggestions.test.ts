import { describe, expect, it } from 'vitest';
import { mergeSuggestions } from '../../src/pages/suggestions/merge-suggestions';
import { suggestion } from './fixtures';

describe('mergeSuggestions', () => {
  it('puts live arrivals among the listed ones, newest offer first', () => {
    const listed = [suggestion('b', '2026-01-02T00:00:00Z'), suggestion('a', '2026-01-01T00:00:00Z')];
    const arrived = [suggestion('c', '2026-01-03T00:00:00Z')];
    expect(mergeSuggestions(listed, arrived, new Set()).map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });

  it('shows a suggestion that is both listed and arrived once, as the newer copy', () => {
    const listed = [suggestion('a', '2026-01-01T00:00:00Z', { estimatedMinutesSavedPerWeek: 4 }), suggestion('b', '2026-01-02T00:00:00Z')];
    const reopened = suggestion('a', '2026-01-05T00:00:00Z', { estimatedMinutesSavedPerWeek: 30 });
    const merged = mergeSuggestions(listed, [reopened], new Set());
    expect(merged.map((s) => s.id)).toEqual(['a', 'b']);
    expect(merged[0].estimatedMinutesSavedPerWeek).toBe(30);
  });

  it('keeps the listed copy when it is newer than an older arrival of the same suggestion', () => {
    const listed = [suggestion('a', '2026-01-05T00:00:00Z', { title: 'refreshed' })];
    const merged = mergeSuggestions(listed, [suggestion('a', '2026-01-01T00:00:00Z', { title: 'stale' })], new Set());
    expect(merged.map((s) => s.title)).toEqual(['refreshed']);
  });

  it('leaves out the suggestions answered on the page, listed or arrived', () => {
    const merged = mergeSuggestions(
      [suggestion('a', '2026-01-01T00:00:00Z'), suggestion('b', '2026-01-02T00:00:00Z')],
      [suggestion('c', '2026-01-03T00:00:00Z')],
      new Set(['a', 'c']),
    );
    expect(merged.map((s) => s.id)).toEqual(['b']);
  });
});
