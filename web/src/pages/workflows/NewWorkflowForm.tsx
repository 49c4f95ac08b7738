import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateWorkflowMutation } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { checkName, failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { LIST_REFRESH } from './cache';

/** "a, b, a" → ["a", "b"]: the tags a comma-separated entry names. */
export function parseTags(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function checkTags(tags: string[]): string | undefined {
  if (tags.length > 20) return 'At most 20 tags';
  if (tags.some((tag) => tag.length > 50)) return 'Each tag has at most 50 characters';
  return undefined;
}

/** createWorkflow: an empty, inactive workflow; opens its page (the builder) once made. */
export function NewWorkflowForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const descriptionId = useId();
  const [{ fetching, error }, create] = useCreateWorkflowMutation();
  const [form, setForm] = useState({ name: '', description: '', tags: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const server = error ? problemOf(error).fields : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const tags = parseTags(form.tags);
    const failed = failedChecks({
      name: checkName(form.name, 'a name', 200),
      description: form.description.trim().length > 2000 ? 'At most 2,000 characters' : undefined,
      tags: checkTags(tags),
    });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await create({ input: { name: form.name.trim(), description: form.description.trim(), tags } }, LIST_REFRESH);
    if (result.data) navigate(`/workflows/${result.data.createWorkflow.workflow.id}`);
  }

  const descriptionError = problems.description ?? server['input.description'];
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="new-workflow-heading">
      <h2 id="new-workflow-heading">New workflow</h2>
      <Field
        label="Name"
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        error={problems.name ?? server['input.name']}
      />
      <div className="field">
        <label htmlFor={descriptionId}>Description</label>
        <textarea
          id={descriptionId}
          rows={3}
          value={form.description}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? `${descriptionId}-error` : undefined}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
        {descriptionError && (
          <small id={`${descriptionId}-error`} className="field-error">
            {descriptionError}
          </small>
        )}
      </div>
      <Field
        label="Tags"
        value={form.tags}
        hint="Separated by commas, e.g. deploys, alerts"
        onChange={(e) => setForm({ ...form, tags: e.target.value })}
        error={problems.tags ?? server['input.tags']}
      />
      {error && <ErrorNotice error={error} title="Could not create the workflow" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Creating…' : 'Create workflow'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
