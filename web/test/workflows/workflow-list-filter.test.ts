import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, filterFromSearch, listVariables, searchFromFilter } from '../../src/pages/workflows/workflow-list-filter';

describe('workflows list filter', () => {
  it('asks for everything, newest update first, by default', () => {
    expect(listVariables(DEFAULT_FILTER)).toEqual({ first: 25, filter: null, orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
  });
  it('maps the state and tag to WorkflowFilter and the sort to WorkflowOrder', () => {
    expect(listVariables({ active: 'inactive', tag: ' deploys ', sort: 'NAME', direction: 'ASC' })).toEqual({
      first: 25,
      filter: { isActive: false, tag: 'deploys' },
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(listVariables({ ...DEFAULT_FILTER, active: 'active' }).filter).toEqual({ isActive: true });
    expect(listVariables({ ...DEFAULT_FILTER, tag: '   ' }).filter).toBeNull();
  });
  it('reads the filter from the URL, ignoring values it does not know', () => {
    expect(filterFromSearch(new URLSearchParams('active=active&tag=ops&sort=NAME&direction=ASC'))).toEqual({
      active: 'active',
      tag: 'ops',
      sort: 'NAME',
      direction: 'ASC',
    });
    expect(filterFromSearch(new URLSearchParams('active=maybe&sort=SIZE&direction=UP'))).toEqual(DEFAULT_FILTER);
  });
  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(searchFromFilter(DEFAULT_FILTER).toString()).toBe('');
    const filter = { active: 'inactive' as const, tag: 'ops', sort: 'CREATED_AT' as const, direction: 'DESC' as const };
    expect(searchFromFilter(filter).toString()).toBe('active=inactive&tag=ops&sort=CREATED_AT');
    expect(filterFromSearch(searchFromFilter(filter))).toEqual(filter);
  });
});
