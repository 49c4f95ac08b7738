import type { PatternStep } from '../patterns/pattern.entity';

/** Attribute values seen on a step's events (the most frequent per key), e.g. `{ channel: '#reviews' }`. */
export type StepAttributes = Partial<Record<string, string>>;

const TOOL_NAMES: Record<string, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  slack: 'Slack',
  teams: 'Teams',
  google_drive: 'Google Drive',
  dropbox: 'Dropbox',
  s3: 'S3',
  http: 'HTTP',
};

/** How a tool is written in a sentence: its brand name when known, else its id made readable. */
export function toolName(tool: string): string {
  const known = TOOL_NAMES[tool];
  if (known) return known;
  const words = tool.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const where = (value: string | undefined, preposition: string) => (value ? ` ${preposition} ${value}` : '');

/**
 * A verb phrase (after "You") for each event type the template catalog's patterns use; each
 * names the place (channel, repository, bucket…) when the step's events carry it.
 */
const PHRASES: Record<string, (a: StepAttributes) => string> = {
  'github/pr.opened': (a) => `opened a PR${where(a.repository, 'in')} on GitHub`,
  'github/issue.opened': (a) => `opened an issue${where(a.repository, 'in')} on GitHub`,
  'github/release.published': (a) => `published a release${where(a.repository, 'of')} on GitHub`,
  'gitlab/issue.opened': (a) => `opened an issue${where(a.project, 'in')} on GitLab`,
  'gitlab/pipeline.failed': (a) => `saw a pipeline fail${where(a.project, 'in')} on GitLab`,
  'slack/message.posted': (a) => (a.channel ? `posted in ${a.channel} on Slack` : 'posted a message on Slack'),
  'teams/message.posted': (a) => (a.channel ? `posted in ${a.channel} on Teams` : 'posted a message on Teams'),
  'dropbox/file.created': (a) => (a.folder ? `added a file to ${a.folder} on Dropbox` : 'added a file to Dropbox'),
  'google_drive/file.created': (a) =>
    a.folder ? `created a document in ${a.folder} on Google Drive` : 'created a document in Google Drive',
  'google_drive/file.updated': (a) => (a.folder ? `edited a file in ${a.folder} on Google Drive` : 'edited a file in Google Drive'),
  's3/object.created': (a) => (a.bucket ? `uploaded a file to ${a.bucket} on S3` : 'uploaded a file to S3'),
  'http/deploy.finished': () => 'got a deploy result',
  'http/request.sent': (a) => (a.url ? `called ${a.url}` : 'sent an HTTP request'),
};

/** What the person did, as a verb phrase: a known one, or the generic "<eventType> in <Tool>". */
export function phraseOf(step: PatternStep, attributes: StepAttributes = {}): string {
  const phrase = PHRASES[`${step.tool}/${step.eventType}`];
  return phrase ? phrase(attributes) : `${step.eventType} in ${toolName(step.tool)}`;
}
