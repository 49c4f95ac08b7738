import { cut, SUMMARY_TEXT_MAX, type Summary } from './event-payload';
import type { WebhookScheme } from './verification';

/**
 * Provider events become Core events named in the template catalog's vocabulary (`pr.opened`,
 * `issue.opened`, `release.published`, `pipeline.failed`, `message.posted`: see
 * workflow's template-catalog.ts and analytics' event-phrases.ts), with summary fields named like
 * the templates read them (`title`, `url`, `body`, `iid`, `tag`, `notes`, `ref`) and like the
 * attributes Analytics keeps (`repository`, `project`, `channel`).
 */
export interface MappedEvent {
  eventType: string;
  summary: Summary;
}

/** The provider's JSON as kept with the event: Slack's legacy verification `token` is a credential, so it is dropped. */
export function deliveryData(scheme: WebhookScheme, body: Record<string, unknown>): Record<string, unknown> {
  if (scheme !== 'slack' || !('token' in body)) return body;
  const data = { ...body };
  delete data.token;
  return data;
}

type Json = Record<string, unknown>;

/** Core's rule for an event type (event.validation.ts): a name outside it is not recorded. */
const CORE_EVENT_TYPE = /^[a-z0-9][a-z0-9_.:-]{0,99}$/;

const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** The scalar fields, strings cut to SUMMARY_TEXT_MAX; absent and structured values are left out. */
function summary(fields: Record<string, unknown>): Summary {
  const kept: Summary = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') kept[key] = cut(value, SUMMARY_TEXT_MAX);
    else if (typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
  }
  return kept;
}

const named = (noun: string, action: unknown) => (typeof action === 'string' && action ? `${noun}.${action}` : noun);

const GITHUB_NOUNS: Record<string, string> = { pull_request: 'pr', issues: 'issue', issue_comment: 'comment', release: 'release' };

/** `X-GitHub-Event` and the payload's `action`: pull_request/opened → pr.opened (closed and merged → pr.merged). */
function github(event: string, body: Json): MappedEvent {
  const repository = object(body.repository).full_name;
  if (event === 'pull_request') {
    const pr = object(body.pull_request);
    const action = body.action === 'closed' && pr.merged === true ? 'merged' : body.action;
    const fields = { repository, title: pr.title, url: pr.html_url, number: pr.number, body: pr.body, author: object(pr.user).login };
    return { eventType: named('pr', action), summary: summary(fields) };
  }
  if (event === 'issues') {
    const issue = object(body.issue);
    const fields = {
      repository,
      title: issue.title,
      url: issue.html_url,
      number: issue.number,
      body: issue.body,
      author: object(issue.user).login,
    };
    return { eventType: named('issue', body.action), summary: summary(fields) };
  }
  if (event === 'issue_comment') {
    const comment = object(body.comment);
    const fields = {
      repository,
      body: comment.body,
      url: comment.html_url,
      number: object(body.issue).number,
      author: object(comment.user).login,
    };
    return { eventType: named('comment', body.action), summary: summary(fields) };
  }
  if (event === 'release') {
    const release = object(body.release);
    const fields = { repository, tag: release.tag_name, name: release.name, notes: release.body, url: release.html_url };
    return { eventType: named('release', body.action), summary: summary(fields) };
  }
  if (event === 'push') {
    const commits = Array.isArray(body.commits) ? body.commits.length : undefined;
    return { eventType: 'push', summary: summary({ repository, ref: body.ref, url: body.compare, commits }) };
  }
  return { eventType: named(GITHUB_NOUNS[event] ?? event, body.action), summary: summary({ repository }) };
}

/** GitLab's actions are verbs (`open`); the vocabulary's are past participles (`opened`). */
const GITLAB_ACTIONS: Record<string, string> = { open: 'opened', close: 'closed', reopen: 'reopened', update: 'updated', merge: 'merged' };
const gitlabAction = (action: unknown) => (typeof action === 'string' ? (GITLAB_ACTIONS[action] ?? action) : undefined);

/** `X-Gitlab-Event` and `object_attributes`: "Merge Request Hook"/open → merge_request.opened, "Pipeline Hook"/failed → pipeline.failed. */
function gitlab(event: string, body: Json): MappedEvent | null {
  const project = object(body.project).path_with_namespace;
  const attributes = object(body.object_attributes);
  const author = object(body.user).username;
  switch (event) {
    case 'Merge Request Hook':
    case 'Issue Hook': {
      const fields = { project, title: attributes.title, url: attributes.url, iid: attributes.iid, body: attributes.description, author };
      return {
        eventType: named(event === 'Issue Hook' ? 'issue' : 'merge_request', gitlabAction(attributes.action)),
        summary: summary(fields),
      };
    }
    case 'Note Hook':
      return { eventType: 'comment.created', summary: summary({ project, body: attributes.note, url: attributes.url, author }) };
    case 'Push Hook':
      return {
        eventType: 'push',
        summary: summary({ project, ref: body.ref, commits: body.total_commits_count, author: body.user_username }),
      };
    case 'Pipeline Hook': {
      const status = attributes.status === 'success' ? 'succeeded' : attributes.status;
      const fields = { project, ref: attributes.ref, status: attributes.status, id: attributes.id, url: attributes.url };
      return { eventType: named('pipeline', status), summary: summary(fields) };
    }
    default:
      return null;
  }
}

/** Message subtypes that are a person (or bot) posting; joins, topic changes and the like are not recorded. */
const POSTED_SUBTYPES = new Set([undefined, 'bot_message', 'thread_broadcast', 'file_share', 'me_message']);

/** Events API callbacks only (`type: event_callback`), by `event.type`: message → message.posted. */
function slack(event: string, body: Json): MappedEvent | null {
  if (body.type !== 'event_callback') return null;
  const inner = object(body.event);
  const fields = { channel: inner.channel, text: inner.text, user: inner.user };
  if (event === 'message') {
    const subtype = typeof inner.subtype === 'string' ? inner.subtype : undefined;
    if (subtype === 'message_changed') return { eventType: 'message.edited', summary: summary(fields) };
    if (subtype === 'message_deleted') return { eventType: 'message.deleted', summary: summary(fields) };
    return POSTED_SUBTYPES.has(subtype) ? { eventType: 'message.posted', summary: summary(fields) } : null;
  }
  if (event === 'app_mention') return { eventType: 'app.mentioned', summary: summary(fields) };
  if (event === 'reaction_added') {
    return {
      eventType: 'reaction.added',
      summary: summary({ channel: object(inner.item).channel, reaction: inner.reaction, user: inner.user }),
    };
  }
  return null;
}

/** The sender's own type, lowercased; its top-level scalar fields are the summary. `unknown`: it named none. */
function generic(event: string, body: Json): MappedEvent | null {
  if (event === 'unknown') return null;
  return { eventType: event.toLowerCase(), summary: summary(body) };
}

/**
 * The Core event a verified delivery becomes, or null when it is not one to record (a Slack
 * `url_verification`, a message subtype such as a channel join, a type Core's rule refuses).
 * `event` is the provider's event type as the verifier read it; `body` the parsed JSON ({} if none).
 */
export function mapDelivery(scheme: WebhookScheme, event: string, body: Json): MappedEvent | null {
  const mapped =
    scheme === 'github'
      ? github(event, body)
      : scheme === 'gitlab'
        ? gitlab(event, body)
        : scheme === 'slack'
          ? slack(event, body)
          : generic(event, body);
  return mapped && CORE_EVENT_TYPE.test(mapped.eventType) ? mapped : null;
}
