import { useState, type FormEvent } from 'react';
import type { OrderDirection, WorkflowOrderField } from '../../generated/graphql';
import type { WorkflowListFilter } from './workflow-list-filter';

const SORT_LABELS: Record<WorkflowOrderField, string> = { UPDATED_AT: 'Last updated', CREATED_AT: 'Created', NAME: 'Name' };

/** The list's filters (what WorkflowFilter offers: active state and a tag) and its order. */
export function WorkflowListFilters({ filter, onChange }: { filter: WorkflowListFilter; onChange: (next: WorkflowListFilter) => void }) {
  // The tag applies on submit, not on every keystroke (each change starts the list over).
  const [tag, setTag] = useState(filter.tag);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filter, tag });
  };
  const directionLabels: Record<OrderDirection, string> =
    filter.sort === 'NAME' ? { ASC: 'A to Z', DESC: 'Z to A' } : { DESC: 'Newest first', ASC: 'Oldest first' };
  return (
    <form className="list-filters" onSubmit={submit} aria-label="Filter and sort workflows">
      <div className="field">
        <label htmlFor="workflow-filter-active">State</label>
        <select
          id="workflow-filter-active"
          value={filter.active}
          onChange={(e) => onChange({ ...filter, active: e.target.value as WorkflowListFilter['active'] })}
        >
          <option value="all">All</option>
          <option value="active">Active</option>
          <option value="inactive">Inactive</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="workflow-filter-tag">Tag</label>
        <span className="inline-input">
          <input id="workflow-filter-tag" type="search" value={tag} maxLength={50} onChange={(e) => setTag(e.target.value)} />
          <button type="submit">Apply</button>
        </span>
      </div>
      <div className="field">
        <label htmlFor="workflow-sort">Sort by</label>
        <select
          id="workflow-sort"
          value={filter.sort}
          onChange={(e) => onChange({ ...filter, sort: e.target.value as WorkflowOrderField })}
        >
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="workflow-direction">Order</label>
        <select
          id="workflow-direction"
          value={filter.direction}
          onChange={(e) => onChange({ ...filter, direction: e.target.value as OrderDirection })}
        >
          {(['DESC', 'ASC'] as const).map((value) => (
            <option key={value} value={value}>
              {directionLabels[value]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
