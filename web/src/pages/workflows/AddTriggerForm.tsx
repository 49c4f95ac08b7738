import { useId, useState, type FormEvent } from 'react';
import { useAddTriggerMutation } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { problemOf } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { SecretOnce } from './SecretOnce';
import { TRIGGERS_REFRESH } from './cache';
import {
  addTriggerInput,
  browserTimezone,
  checkTrigger,
  triggerFieldErrors,
  type AddableTriggerKind,
  type TriggerDraft,
} from './trigger-checks';

const KINDS: { kind: AddableTriggerKind; label: string; hint: string }[] = [
  { kind: 'CRON', label: 'Schedule (cron)', hint: 'Runs on a cron schedule in a time zone.' },
  { kind: 'WEBHOOK', label: 'Webhook', hint: 'Runs when a signed POST reaches its URL; the body is the run’s input.' },
  { kind: 'EVENT', label: 'Event', hint: 'Runs when an event from a tool is stored.' },
];
const TOOLS = ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http', 'flowgraph'];
const timezones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** addTrigger for a cron schedule, a webhook or an event filter; a webhook's secret is shown here once. */
export function AddTriggerForm({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const ids = useId();
  const [{ fetching, error }, add] = useAddTriggerMutation();
  const [draft, setDraft] = useState<TriggerDraft>({ kind: 'CRON', pattern: '', timezone: browserTimezone(), tool: '', eventType: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<{ nextRuns?: string[]; webhook?: { url?: string; secret: string } }>();
  const server = error ? triggerFieldErrors(problemOf(error).fields) : {};
  const set = (key: keyof TriggerDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = checkTrigger(draft);
    setProblems(failed);
    if (Object.keys(failed).length > 0) return;
    const result = await add({ input: addTriggerInput(workflowId, draft) }, TRIGGERS_REFRESH);
    const payload = result.data?.addTrigger;
    if (!payload) return;
    if (payload.webhookSecret) setAdded({ webhook: { url: payload.trigger.webhook?.url, secret: payload.webhookSecret } });
    else if (payload.trigger.cron) setAdded({ nextRuns: payload.trigger.cron.nextRuns });
    else onClose();
  }

  if (added?.webhook) return <SecretOnce url={added.webhook.url} secret={added.webhook.secret} onDone={onClose} />;
  if (added?.nextRuns)
    return (
      <div role="status" className="notice notice-ok">
        <strong>Schedule added.</strong>
        <p>Next runs (once the workflow is published and active): {added.nextRuns.map((run) => formatDateTime(run)).join(', ')}</p>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Add a trigger</h3>
      <fieldset className="kind-choice">
        <legend>Kind</legend>
        {KINDS.map((k) => (
          <label key={k.kind}>
            <input
              type="radio"
              name={`${ids}-kind`}
              value={k.kind}
              checked={draft.kind === k.kind}
              onChange={() => setDraft({ ...draft, kind: k.kind })}
            />{' '}
            {k.label}
          </label>
        ))}
        <small className="muted">{KINDS.find((k) => k.kind === draft.kind)?.hint}</small>
      </fieldset>
      {draft.kind === 'CRON' && (
        <>
          <Field
            label="Cron pattern"
            value={draft.pattern}
            placeholder="0 9 * * 1-5"
            spellCheck={false}
            hint="minute hour day-of-month month day-of-week (6 fields: seconds first)"
            onChange={set('pattern')}
            error={problems.pattern ?? server.pattern}
          />
          <Field
            label="Time zone"
            value={draft.timezone}
            list={`${ids}-zones`}
            spellCheck={false}
            hint="An IANA name, e.g. Europe/Paris or UTC"
            onChange={set('timezone')}
            error={problems.timezone ?? server.timezone}
          />
          <datalist id={`${ids}-zones`}>
            {timezones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
      {draft.kind === 'EVENT' && (
        <>
          <Field
            label="Tool"
            value={draft.tool}
            list={`${ids}-tools`}
            placeholder="github"
            onChange={set('tool')}
            error={problems.event ?? server.event}
          />
          <datalist id={`${ids}-tools`}>
            {TOOLS.map((tool) => (
              <option key={tool} value={tool} />
            ))}
          </datalist>
          <Field
            label="Event type"
            value={draft.eventType}
            placeholder="pr.opened"
            hint="A missing tool or type matches any"
            onChange={set('eventType')}
          />
        </>
      )}
      {draft.kind === 'WEBHOOK' && <p className="muted">Its URL and signing secret are shown once it is added.</p>}
      {error && <ErrorNotice error={error} title="Could not add the trigger" />}
      <div className="actions">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Adding…' : 'Add trigger'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
