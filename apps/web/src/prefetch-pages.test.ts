import { describe, expect, it } from 'vitest';
import { MENU } from './layout/menu';
import { PAGES } from './pages';
import { MENU_PAGES, pagesForMenu } from './prefetch-pages';

describe('the pages prefetched after sign-in', () => {
  it('knows the page of every side-menu entry, so no entry is left to load on its click', () => {
    const unmapped = MENU.map((e) => e.path).filter((p) => !MENU_PAGES[p]?.length);
    expect(unmapped).toEqual([]);
  });

  it('names only modules that exist', () => {
    const unknown = Object.values(MENU_PAGES)
      .flat()
      .filter((name) => !(name in PAGES));
    expect(unknown).toEqual([]);
  });

  it('keeps the menu order and loads a module shared by two entries once', () => {
    expect(pagesForMenu(['/todo', '/applications', '/applications/new', '/applications'])).toEqual([
      'TodoPage',
      'ApplicationsPage',
      'ApplicationPage',
      'NewApplicationPage',
    ]);
    expect(pagesForMenu(['/no-such-entry'])).toEqual([]);
  });
});
