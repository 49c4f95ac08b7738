import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAcceptSuggestionMutation, type SuggestionOfferFragment } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { problemOf } from '../../ui/errors';
import { acceptInput, checkAcceptForm, initialAcceptForm, serverFieldErrors } from './accept-form';
import { WebhookSecret } from './WebhookSecret';

interface AcceptDialogProps {
  suggestion: SuggestionOfferFragment;
  onClose: () => void;
  /** Called once the workflow exists, before the page moves to it. */
  onAccepted: (suggestionId: string) => void;
}

/**
 * Accepting a suggestion: the workflow's name, the template's parameters and "Activate now";
 * then the new workflow's page (after showing a webhook's signing secret, which is shown once).
 */
export function AcceptDialog({ suggestion, onClose, onAccepted }: AcceptDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const navigate = useNavigate();
  const [{ fetching, error }, accept] = useAcceptSuggestionMutation();
  const [form, setForm] = useState(() => initialAcceptForm(suggestion));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ workflowId: string; webhookSecret: string } | null>(null);
  const specs = suggestion.template.parameterSpecs;
  const server = error ? serverFieldErrors(problemOf(error).fields) : {};

  useEffect(() => {
    const element = dialog.current;
    // jsdom and old browsers have no showModal: the open attribute still shows it.
    if (element && !element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = checkAcceptForm(form, specs);
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await accept({ id: suggestion.id, input: acceptInput(form) });
    const payload = result.data?.acceptSuggestion;
    if (!payload) return;
    onAccepted(suggestion.id);
    if (payload.webhookSecret) setCreated({ workflowId: payload.workflow.id, webhookSecret: payload.webhookSecret });
    else navigate(`/workflows/${payload.workflow.id}`);
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the secret must be acknowledged with Continue, the form may be left.
        event.preventDefault();
        if (!created) onClose();
      }}
    >
      {created ? (
        <WebhookSecret titleId={titleId} secret={created.webhookSecret} onContinue={() => navigate(`/workflows/${created.workflowId}`)} />
      ) : (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId}>Accept “{suggestion.title}”</h2>
          <p className="muted">Creates a workflow from the template “{suggestion.template.name}”.</p>
          <Field
            label="Workflow name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            error={problems.name ?? server.name}
          />
          {specs.map((spec) => (
            <Field
              key={spec.name}
              label={spec.required ? spec.name : `${spec.name} (optional)`}
              type={spec.type === 'URL' ? 'url' : 'text'}
              value={form.parameters[spec.name] ?? ''}
              onChange={(e) => setForm({ ...form, parameters: { ...form.parameters, [spec.name]: e.target.value } })}
              hint={spec.description}
              error={problems[`parameters.${spec.name}`] ?? server[`parameters.${spec.name}`]}
            />
          ))}
          <div className="field field-check">
            <label>
              <input type="checkbox" checked={form.activate} onChange={(e) => setForm({ ...form, activate: e.target.checked })} /> Activate
              now
            </label>
            <small className="muted">Publish the workflow and turn it on, so it runs on the next matching event.</small>
          </div>
          {error && <ErrorNotice error={error} title="Could not accept the suggestion" />}
          <div className="actions">
            <button type="submit" className="primary" disabled={fetching}>
              {fetching ? 'Creating…' : 'Create workflow'}
            </button>
            <button type="button" onClick={onClose} disabled={fetching}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
