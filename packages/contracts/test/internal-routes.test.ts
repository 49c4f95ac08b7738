import {
  activityRangeSchema,
  apiKeyVerifyRequest,
  apiKeyVerifyResponse,
  internalEventsRequest,
  internalEventsResponse,
  workflowActivityResponse,
} from '../src';

describe('the internal route contracts', () => {
  it('bound the activity range to calendar days, at most 366 of them', () => {
    expect(activityRangeSchema.safeParse({ from: '2024-01-01', to: '2024-12-31' }).success).toBe(true);
    expect(activityRangeSchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(activityRangeSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).error?.issues[0]).toMatchObject({
      path: ['to'],
      message: 'Must not be before from',
    });
    expect(activityRangeSchema.safeParse({ from: '2024-01-01', to: '2025-01-01' }).error?.issues[0]).toMatchObject({
      path: ['to'],
      message: 'At most 366 days from from',
    });
  });

  it('accept the answers the services give and refuse others', () => {
    const day = { day: '2026-03-01', workflowsCreated: 1, executionsSucceeded: 2, executionsFailed: 0 };
    const users = [{ userId: 'u1', firstWorkflowAt: '2026-03-01T00:00:00.000Z', firstSuccessfulRunAt: null }];
    expect(workflowActivityResponse.parse({ from: '2026-03-01', to: '2026-03-01', days: [day], users })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
      days: [day],
      users,
    });
    expect(
      workflowActivityResponse.safeParse({ from: '2026-03-01', to: '2026-03-01', days: [{ ...day, workflowsCreated: '1' }], users })
        .success,
    ).toBe(false);
    const result = { index: 0, status: 'DUPLICATE', eventId: 'e1', errors: null };
    expect(internalEventsResponse.parse({ results: [result] })).toEqual({ results: [result] });
    expect(internalEventsResponse.safeParse({ results: [{ ...result, status: 'STORED' }] }).success).toBe(false);
    expect(
      apiKeyVerifyResponse.safeParse({ apiKeyId: 'k', userId: 'u', orgId: 'o', role: 'member', scopes: [], clientName: null }).success,
    ).toBe(true);
    expect(apiKeyVerifyResponse.safeParse({ apiKeyId: 'k', userId: 'u', orgId: 'o', role: 'root', scopes: [] }).success).toBe(false);
  });

  it('check the shape of requests', () => {
    expect(apiKeyVerifyRequest.safeParse({}).error?.issues).toEqual([
      expect.objectContaining({ path: ['key'], message: 'Must be an API key' }),
    ]);
    expect(apiKeyVerifyRequest.safeParse({ key: 'k'.repeat(513) }).error?.issues[0]?.message).toBe('Must be an API key');
    const event = { idempotencyKey: 'k', eventType: 'a.b', tool: 't', occurredAt: '2026-03-01T00:00:00Z', payload: {} };
    expect(internalEventsRequest.safeParse({ events: [event] }).success).toBe(true);
    expect(internalEventsRequest.safeParse({ events: [{ ...event, payload: [] }] }).success).toBe(false);
  });
});
