import type { OrderDirection, WorkflowOrderField, WorkflowsQueryVariables } from '../../generated/graphql';

/** What the workflows list shows, kept in the page's URL so a filtered list can be shared and reloaded. */
export interface WorkflowListFilter {
  active: 'all' | 'active' | 'inactive';
  tag: string;
  sort: WorkflowOrderField;
  direction: OrderDirection;
}

export const PAGE_SIZE = 25;
export const DEFAULT_FILTER: WorkflowListFilter = { active: 'all', tag: '', sort: 'UPDATED_AT', direction: 'DESC' };

const SORTS: readonly WorkflowOrderField[] = ['UPDATED_AT', 'CREATED_AT', 'NAME'];
const DIRECTIONS: readonly OrderDirection[] = ['DESC', 'ASC'];
const ACTIVE: readonly WorkflowListFilter['active'][] = ['all', 'active', 'inactive'];

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** The filter a URL asks for; unknown values fall back to the defaults. */
export function filterFromSearch(params: URLSearchParams): WorkflowListFilter {
  return {
    active: oneOf(ACTIVE, params.get('active'), DEFAULT_FILTER.active),
    tag: params.get('tag')?.trim() ?? '',
    sort: oneOf(SORTS, params.get('sort'), DEFAULT_FILTER.sort),
    direction: oneOf(DIRECTIONS, params.get('direction'), DEFAULT_FILTER.direction),
  };
}

/** The URL of a filter: only what differs from the defaults. */
export function searchFromFilter(filter: WorkflowListFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['active', 'tag', 'sort', 'direction'] as const) {
    const value = key === 'tag' ? filter.tag.trim() : filter[key];
    if (value !== DEFAULT_FILTER[key]) params.set(key, value);
  }
  return params;
}

/** The `workflows` query's variables: filter fields left out when they would match everything. */
export function listVariables(filter: WorkflowListFilter): WorkflowsQueryVariables {
  const tag = filter.tag.trim();
  const workflowFilter = {
    ...(filter.active !== 'all' && { isActive: filter.active === 'active' }),
    ...(tag && { tag }),
  };
  return {
    first: PAGE_SIZE,
    filter: Object.keys(workflowFilter).length > 0 ? workflowFilter : null,
    orderBy: { field: filter.sort, direction: filter.direction },
  };
}
