import type { WorkflowTemplate } from './workflow-template';

/**
 * The built-in templates. Expressions in `{{ }}` that are not parameters are JSONata over the
 * run's data: `input` is what the trigger passed (an event trigger's `input.event`, a webhook's
 * body) and `steps.<id>.output` what an earlier step returned (transforms here return objects).
 * Each template is tested to pass the definition validator, raw and instantiated. A workflow
 * created from a template gets its trigger: an EVENT trigger on `trigger`, or a WEBHOOK one.
 */
export const templates: readonly WorkflowTemplate[] = [
  {
    id: 'github-pr-opened-to-slack',
    name: 'Post to Slack when a PR is opened',
    description: 'Posts the title and link of every new GitHub pull request to a Slack channel.',
    connectors: ['github', 'slack'],
    parameters: [{ name: 'channel', type: 'STRING', description: 'Slack channel, e.g. #reviews', required: true }],
    trigger: { tool: 'github', eventType: 'pr.opened' },
    pattern: [
      { tool: 'github', eventType: 'pr.opened' },
      { tool: 'slack', eventType: 'message.posted' },
    ],
    definition: {
      steps: [
        {
          id: 'message',
          type: 'transform',
          config: { expression: '{ "text": "New PR: " & input.event.payload.title & " " & input.event.payload.url }' },
        },
        {
          id: 'post',
          type: 'connector_action',
          config: {
            connector: 'slack',
            action: 'post_message',
            input: { channel: '{{channel}}', text: '{{ steps.message.output.text }}' },
          },
        },
      ],
      edges: [{ from: 'message', to: 'post' }],
    },
  },
  {
    id: 'gitlab-issues-to-teams',
    name: 'Mirror GitLab issues to Teams',
    description: 'Announces every new GitLab issue in a Microsoft Teams channel.',
    connectors: ['gitlab', 'teams'],
    parameters: [
      { name: 'team', type: 'STRING', description: 'Teams team name', required: true },
      { name: 'channel', type: 'STRING', description: 'Teams channel name', required: true },
    ],
    trigger: { tool: 'gitlab', eventType: 'issue.opened' },
    pattern: [
      { tool: 'gitlab', eventType: 'issue.opened' },
      { tool: 'teams', eventType: 'message.posted' },
    ],
    definition: {
      steps: [
        {
          id: 'message',
          type: 'transform',
          config: { expression: '{ "text": "Issue #" & input.event.payload.iid & ": " & input.event.payload.title }' },
        },
        {
          id: 'post',
          type: 'connector_action',
          config: {
            connector: 'teams',
            action: 'post_message',
            input: { team: '{{team}}', channel: '{{channel}}', text: '{{ steps.message.output.text }}' },
          },
        },
      ],
      edges: [{ from: 'message', to: 'post' }],
    },
  },
  {
    id: 'dropbox-files-to-s3',
    name: 'Archive new Dropbox files to S3',
    description: 'Copies every file added to Dropbox into an S3 bucket under a prefix.',
    connectors: ['dropbox', 's3'],
    parameters: [
      { name: 'bucket', type: 'STRING', description: 'S3 bucket name', required: true },
      { name: 'prefix', type: 'STRING', description: 'Key prefix inside the bucket', required: false, default: 'dropbox/' },
    ],
    trigger: { tool: 'dropbox', eventType: 'file.created' },
    pattern: [
      { tool: 'dropbox', eventType: 'file.created' },
      { tool: 's3', eventType: 'object.created' },
    ],
    definition: {
      steps: [
        {
          id: 'download',
          type: 'connector_action',
          config: { connector: 'dropbox', action: 'download_file', input: { path: '{{ input.event.payload.path }}' } },
        },
        {
          id: 'upload',
          type: 'connector_action',
          config: {
            connector: 's3',
            action: 'put_object',
            input: {
              bucket: '{{bucket}}',
              keyPrefix: '{{prefix}}',
              key: '{{ input.event.payload.name }}',
              content: '{{ steps.download.output.content }}',
            },
          },
          retry: { maxAttempts: 5, backoffMs: 2000 },
        },
      ],
      edges: [{ from: 'download', to: 'upload' }],
    },
  },
  {
    id: 'failed-deploy-webhook-to-slack',
    name: 'Notify on failed deploy webhook',
    description: 'Receives deploy results on a webhook and alerts a Slack channel when one failed.',
    connectors: ['http', 'slack'],
    parameters: [{ name: 'channel', type: 'STRING', description: 'Slack channel for alerts, e.g. #ops', required: true }],
    trigger: { tool: 'http', eventType: 'deploy.finished' },
    // Its steps read the deploy result from the request body (`input.status`), not from a Core event.
    triggerKind: 'WEBHOOK',
    pattern: [
      { tool: 'http', eventType: 'deploy.finished' },
      { tool: 'slack', eventType: 'message.posted' },
    ],
    definition: {
      steps: [
        { id: 'failed', type: 'condition', config: { expression: 'input.status = "failed"' } },
        {
          id: 'alert',
          type: 'connector_action',
          config: {
            connector: 'slack',
            action: 'post_message',
            input: { channel: '{{channel}}', text: '{{ "Deploy failed: " & input.service }}' },
          },
        },
        { id: 'record', type: 'notify', config: { eventType: 'deploy.succeeded', message: 'A deploy succeeded' } },
      ],
      edges: [
        { from: 'failed', to: 'alert', when: 'true' },
        { from: 'failed', to: 'record', when: 'false' },
      ],
    },
  },
  {
    id: 'google-drive-docs-to-slack',
    name: 'Share new Google Drive documents in Slack',
    description: 'Posts a link to every new document in Google Drive to a Slack channel.',
    connectors: ['google_drive', 'slack'],
    parameters: [{ name: 'channel', type: 'STRING', description: 'Slack channel, e.g. #docs', required: true }],
    trigger: { tool: 'google_drive', eventType: 'file.created' },
    pattern: [
      { tool: 'google_drive', eventType: 'file.created' },
      { tool: 'slack', eventType: 'message.posted' },
    ],
    definition: {
      steps: [
        {
          id: 'post',
          type: 'connector_action',
          config: {
            connector: 'slack',
            action: 'post_message',
            input: { channel: '{{channel}}', text: '{{ "New document: " & input.event.payload.name & " " & input.event.payload.url }}' },
          },
        },
      ],
      edges: [],
    },
  },
  {
    id: 'github-issues-to-gitlab',
    name: 'Copy GitHub issues to GitLab',
    description: 'Opens a matching GitLab issue for every new GitHub issue.',
    connectors: ['github', 'gitlab'],
    parameters: [{ name: 'project', type: 'STRING', description: 'GitLab project path, e.g. group/app', required: true }],
    trigger: { tool: 'github', eventType: 'issue.opened' },
    pattern: [
      { tool: 'github', eventType: 'issue.opened' },
      { tool: 'gitlab', eventType: 'issue.opened' },
    ],
    definition: {
      steps: [
        {
          id: 'create',
          type: 'connector_action',
          config: {
            connector: 'gitlab',
            action: 'create_issue',
            input: { project: '{{project}}', title: '{{ input.event.payload.title }}', description: '{{ input.event.payload.body }}' },
          },
        },
      ],
      edges: [],
    },
  },
  {
    id: 's3-object-to-http',
    name: 'Call an HTTP endpoint when a file lands in S3',
    description: 'POSTs the bucket and key of every new S3 object to an HTTP endpoint.',
    connectors: ['s3', 'http'],
    parameters: [{ name: 'url', type: 'URL', description: 'Endpoint to call, https://…', required: true }],
    trigger: { tool: 's3', eventType: 'object.created' },
    pattern: [
      { tool: 's3', eventType: 'object.created' },
      { tool: 'http', eventType: 'request.sent' },
    ],
    definition: {
      steps: [
        {
          id: 'call',
          type: 'http_request',
          config: {
            method: 'POST',
            url: '{{url}}',
            headers: { 'content-type': 'application/json' },
            body: '{{ { "bucket": input.event.payload.bucket, "key": input.event.payload.key } }}',
          },
          timeoutMs: 10_000,
        },
      ],
      edges: [],
    },
  },
  {
    id: 'github-release-to-teams',
    name: 'Announce GitHub releases in Teams',
    description: 'Posts the notes of every published GitHub release to a Teams channel.',
    connectors: ['github', 'teams'],
    parameters: [
      { name: 'team', type: 'STRING', description: 'Teams team name', required: true },
      { name: 'channel', type: 'STRING', description: 'Teams channel name', required: false, default: 'General' },
    ],
    trigger: { tool: 'github', eventType: 'release.published' },
    pattern: [
      { tool: 'github', eventType: 'release.published' },
      { tool: 'teams', eventType: 'message.posted' },
    ],
    definition: {
      steps: [
        {
          id: 'notes',
          type: 'transform',
          config: { expression: '{ "text": input.event.payload.tag & ": " & input.event.payload.notes }' },
        },
        {
          id: 'post',
          type: 'connector_action',
          config: {
            connector: 'teams',
            action: 'post_message',
            input: { team: '{{team}}', channel: '{{channel}}', text: '{{ steps.notes.output.text }}' },
          },
        },
      ],
      edges: [{ from: 'notes', to: 'post' }],
    },
  },
  {
    id: 'google-drive-backup-to-dropbox',
    name: 'Back up changed Google Drive files to Dropbox',
    description: 'Waits for edits to settle, then copies a changed Google Drive file into a Dropbox folder.',
    connectors: ['google_drive', 'dropbox'],
    parameters: [{ name: 'folder', type: 'STRING', description: 'Dropbox folder, e.g. /Backups/Drive', required: true }],
    trigger: { tool: 'google_drive', eventType: 'file.updated' },
    pattern: [
      { tool: 'google_drive', eventType: 'file.updated' },
      { tool: 'dropbox', eventType: 'file.created' },
    ],
    definition: {
      steps: [
        { id: 'settle', type: 'delay', config: { ms: 5 * 60 * 1000 } },
        {
          id: 'download',
          type: 'connector_action',
          config: { connector: 'google_drive', action: 'download_file', input: { fileId: '{{ input.event.payload.id }}' } },
        },
        {
          id: 'upload',
          type: 'connector_action',
          config: {
            connector: 'dropbox',
            action: 'upload_file',
            input: { folder: '{{folder}}', name: '{{ input.event.payload.name }}', content: '{{ steps.download.output.content }}' },
          },
        },
      ],
      edges: [
        { from: 'settle', to: 'download' },
        { from: 'download', to: 'upload' },
      ],
    },
  },
  {
    id: 'gitlab-pipeline-failed-page',
    name: 'Page on-call when a GitLab pipeline fails on main',
    description: 'Calls a paging webhook when a pipeline on the default branch fails, and records the page.',
    connectors: ['gitlab', 'http'],
    parameters: [{ name: 'pagerUrl', type: 'URL', description: 'Paging service webhook URL', required: true }],
    trigger: { tool: 'gitlab', eventType: 'pipeline.failed' },
    pattern: [
      { tool: 'gitlab', eventType: 'pipeline.failed' },
      { tool: 'http', eventType: 'request.sent' },
    ],
    definition: {
      steps: [
        { id: 'onMain', type: 'condition', config: { expression: 'input.event.payload.ref = "main"' } },
        {
          id: 'page',
          type: 'http_request',
          config: { method: 'POST', url: '{{pagerUrl}}', body: { summary: 'Pipeline failed on main' } },
          retry: { maxAttempts: 5, backoffMs: 1000 },
        },
        { id: 'record', type: 'notify', config: { eventType: 'oncall.paged', message: 'Paged on-call for a failed pipeline on main' } },
        { id: 'ignore', type: 'transform', config: { expression: '{ "ignored": input.event.payload.ref }' } },
      ],
      edges: [
        { from: 'onMain', to: 'page', when: 'true' },
        { from: 'page', to: 'record' },
        { from: 'onMain', to: 'ignore', when: 'false' },
      ],
    },
  },
];

export const templatesById: ReadonlyMap<string, WorkflowTemplate> = new Map(templates.map((t) => [t.id, t]));
