import type { AddTriggerInput } from '../../generated/graphql';

/** The kinds a person can add; MANUAL needs no trigger (executeWorkflow works without one). */
export type AddableTriggerKind = 'CRON' | 'WEBHOOK' | 'EVENT';

/** The add-trigger form as typed. */
export interface TriggerDraft {
  kind: AddableTriggerKind;
  pattern: string;
  timezone: string;
  tool: string;
  eventType: string;
}

// One cron field: numbers, names (JAN, MON), ranges, steps, lists, and ? L W # as cron-parser reads them.
const CRON_FIELD = /^[0-9A-Za-z*?/,#-]+$/;

/** A first check of a cron pattern: 5 fields, or 6 with seconds first. The server parses it fully. */
export function checkCronPattern(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/).filter(Boolean);
  if (fields.length === 0) return 'Enter a cron pattern, e.g. 0 9 * * 1-5';
  if (fields.length !== 5 && fields.length !== 6) return `A pattern has 5 fields (or 6 with seconds first); this one has ${fields.length}`;
  const bad = fields.find((field) => !CRON_FIELD.test(field));
  if (bad) return `"${bad}" is not a cron field`;
  return undefined;
}

/** An IANA time zone the browser knows (the server checks against its own list again). */
export function checkTimezone(timezone: string): string | undefined {
  if (!timezone.trim()) return 'Enter a time zone, e.g. Europe/Paris or UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone.trim() });
    return undefined;
  } catch {
    return `"${timezone.trim()}" is not a time zone`;
  }
}

/** Checks of a draft, by field (`pattern`, `timezone`, `event`); empty when it may be sent. */
export function checkTrigger(draft: TriggerDraft): Record<string, string> {
  const problems: Record<string, string | undefined> = {};
  if (draft.kind === 'CRON') {
    problems.pattern = checkCronPattern(draft.pattern);
    problems.timezone = checkTimezone(draft.timezone);
  }
  if (draft.kind === 'EVENT') {
    if (!draft.tool.trim() && !draft.eventType.trim()) problems.event = 'Give a tool, an event type or both';
  }
  return Object.fromEntries(Object.entries(problems).filter((e): e is [string, string] => e[1] !== undefined));
}

/** addTrigger's input for a checked draft: only the settings of its kind (the server refuses the others). */
export function addTriggerInput(workflowId: string, draft: TriggerDraft): AddTriggerInput {
  switch (draft.kind) {
    case 'CRON':
      return { workflowId, kind: 'CRON', cron: { pattern: draft.pattern.trim().replace(/\s+/g, ' '), timezone: draft.timezone.trim() } };
    case 'WEBHOOK':
      return { workflowId, kind: 'WEBHOOK' };
    case 'EVENT':
      return {
        workflowId,
        kind: 'EVENT',
        event: { tool: draft.tool.trim().toLowerCase() || null, eventType: draft.eventType.trim().toLowerCase() || null },
      };
  }
}

/** The server names fields by their path in the input (`cron.pattern`, maybe prefixed `input.`): the form's field for each. */
export function triggerFieldErrors(fields: Record<string, string>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const bare = path.replace(/^input\./, '');
    if (bare === 'cron.pattern') form.pattern = message;
    else if (bare === 'cron.timezone') form.timezone = message;
    else if (bare.startsWith('event')) form.event = message;
    else form.other = message;
  }
  return form;
}

/** The browser's own zone, the form's default. */
export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
