import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCreateWorkflowFromTemplateMutation, useWorkflowTemplatesQuery, type WorkflowTemplatesQuery } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { QueryState } from '../../ui/QueryState';
import { failedChecks } from '../../ui/checks';
import { problemOf } from '../../ui/errors';
import { LIST_REFRESH } from './cache';
import { SecretOnce } from './SecretOnce';
import { checkTemplateParameter, parameterError, templateParameters } from './template-parameters';

/** createWorkflowFromTemplate: pick a built-in template, fill in its parameters; opens the new workflow. */
export function TemplateForm({ onCancel }: { onCancel: () => void }) {
  const [{ data, fetching, error }] = useWorkflowTemplatesQuery();
  return (
    <section className="card" aria-labelledby="template-heading">
      <h2 id="template-heading">New workflow from a template</h2>
      <QueryState data={data} fetching={fetching} error={error} label="Loading templates" isEmpty={(d) => d.workflowTemplates.length === 0}>
        {(d) => <TemplateChoice templates={d.workflowTemplates} onCancel={onCancel} />}
      </QueryState>
    </section>
  );
}

type Template = WorkflowTemplatesQuery['workflowTemplates'][number];

function TemplateChoice({ templates, onCancel }: { templates: Template[]; onCancel: () => void }) {
  const navigate = useNavigate();
  const [{ fetching, error }, create] = useCreateWorkflowFromTemplateMutation();
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [activate, setActivate] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ id: string; webhookSecret: string }>();
  const template = templates.find((t) => t.id === templateId);
  const server = error ? problemOf(error).fields : {};

  if (created)
    return (
      <>
        <SecretOnce secret={created.webhookSecret} onDone={() => navigate(`/workflows/${created.id}`)} />
        <p>
          The webhook URL is on the workflow&apos;s <Link to={`/workflows/${created.id}/triggers`}>triggers</Link>.
        </p>
      </>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!template) return;
    const failed = failedChecks({
      name: name.trim().length > 200 ? 'At most 200 characters' : undefined,
      ...Object.fromEntries(template.parameterSpecs.map((spec) => [spec.name, checkTemplateParameter(spec, values[spec.name] ?? '')])),
    });
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await create(
      {
        input: {
          templateId: template.id,
          name: name.trim() || null,
          parameters: templateParameters(template.parameterSpecs, values),
          activate,
        },
      },
      LIST_REFRESH,
    );
    const payload = result.data?.createWorkflowFromTemplate;
    if (!payload) return;
    if (payload.webhookSecret) setCreated({ id: payload.workflow.id, webhookSecret: payload.webhookSecret });
    else navigate(`/workflows/${payload.workflow.id}`);
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="template-choice">Template</label>
        <select
          id="template-choice"
          value={templateId}
          aria-describedby="template-description"
          onChange={(e) => {
            setTemplateId(e.target.value);
            setValues({});
            setProblems({});
          }}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        {template && (
          <small id="template-description" className="muted">
            {template.description} Uses {template.connectors.join(', ')}; started by {template.triggerKind.toLowerCase()}.
          </small>
        )}
      </div>
      <Field
        label="Name"
        value={name}
        placeholder={template?.name}
        hint="The template's name when left empty"
        onChange={(e) => setName(e.target.value)}
        error={problems.name ?? server['input.name']}
      />
      {template?.parameterSpecs.map((spec) => (
        <Field
          key={`${template.id}:${spec.name}`}
          label={`${spec.name}${spec.required ? '' : ' (optional)'}`}
          type={spec.type === 'URL' ? 'url' : 'text'}
          value={values[spec.name] ?? ''}
          placeholder={spec.default ?? undefined}
          hint={spec.description}
          onChange={(e) => setValues({ ...values, [spec.name]: e.target.value })}
          error={problems[spec.name] ?? parameterError(server, spec.name)}
        />
      ))}
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} /> Publish version 1 and activate now
        </label>
      </div>
      {error && <ErrorNotice error={error} title="Could not create the workflow" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching || !template}>
          {fetching ? 'Creating…' : 'Create from template'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
