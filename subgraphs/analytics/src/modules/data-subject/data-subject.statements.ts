import type { SubjectStatements } from '@flowgraph/kernel';

/**
 * What Analytics holds about a person: its copy of their events, the patterns mined from them,
 * the suggestions offered to them and their milestones, all deleted by erasure. The daily
 * aggregates are counts per organization with no person in them and stay; an organization's
 * erasure deletes those too.
 * A change to eraseUser or eraseOrganization needs a migration (kernel subjectErasureMigration).
 */
export const analyticsSubjectStatements: SubjectStatements = {
  exportUser: {
    events: `select id, org_id, tool, event_type, occurred_at, attributes, received_at from analytics.events where user_id = :user`,
    patterns: `select id, org_id, sequence, support, confidence, examples, active, first_seen_at, last_seen_at from analytics.patterns
               where user_id = :user`,
    suggestions: `select id, org_id, pattern_id, template_id, status, title, explanation, parameters, offered_at, accepted_at, dismissed_at, workflow_id
                  from analytics.suggestions where user_id = :user`,
    milestones: `select org_id, signed_up_at, first_event_at, first_workflow_at, first_successful_run_at from analytics.user_milestones
                 where user_id = :user`,
  },
  eraseUser: {
    suggestions: `delete from analytics.suggestions where user_id = :user`,
    patterns: `delete from analytics.patterns where user_id = :user`,
    // Its copy of others' events about the person (an invitation, a member joining) goes too.
    events: `delete from analytics.events where user_id = :user or strpos(attributes::text, :user::text) > 0
               or strpos(lower(attributes::text), lower(:email)) > 0`,
    milestones: `delete from analytics.user_milestones where user_id = :user`,
  },
  eraseOrganization: {
    suggestions: `delete from analytics.suggestions where org_id = :org`,
    patterns: `delete from analytics.patterns where org_id = :org`,
    events: `delete from analytics.events where org_id = :org`,
    milestones: `delete from analytics.user_milestones where org_id = :org`,
    dailyActivity: `delete from analytics.daily_activity where org_id = :org`,
    dailyToolEvents: `delete from analytics.daily_tool_events where org_id = :org`,
    organizations: `delete from analytics.organizations where org_id = :org`,
  },
};
