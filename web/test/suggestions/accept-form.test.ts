import { describe, expect, it } from 'vitest';
import { acceptInput, checkAcceptForm, initialAcceptForm, serverFieldErrors } from '../../src/pages/suggestions/accept-form';
import { suggestion } from './fixtures';

describe('the accept form', () => {
  const offer = suggestion('s1', '2026-01-01T00:00:00Z');

  it('starts with the title as name, the guessed parameters, and not activated', () => {
    expect(initialAcceptForm(offer)).toEqual({ name: 'Suggestion s1', parameters: { channel: '#reviews', docsUrl: '' }, activate: false });
  });

  it('refuses a missing required parameter, a URL that is not http(s) and placeholders', () => {
    const specs = offer.template.parameterSpecs;
    expect(checkAcceptForm({ name: 'x', parameters: { channel: ' ', docsUrl: 'ftp://x' }, activate: false }, specs)).toEqual({
      'parameters.channel': 'Required: Slack channel, e.g. #reviews',
      'parameters.docsUrl': 'Enter an absolute http:// or https:// URL',
    });
    expect(checkAcceptForm({ name: '', parameters: { channel: '{{channel}}', docsUrl: '' }, activate: false }, specs)).toEqual({
      name: 'Enter a name for the workflow',
      'parameters.channel': 'Must not contain {{ or }}',
    });
    expect(checkAcceptForm({ name: 'ok', parameters: { channel: '#x', docsUrl: 'https://example.com/a' }, activate: true }, specs)).toEqual(
      {},
    );
  });

  it('sends the activate flag and only the filled-in parameters, trimmed', () => {
    expect(acceptInput({ name: ' Reviews ', parameters: { channel: ' #reviews ', docsUrl: '' }, activate: true })).toEqual({
      name: 'Reviews',
      activate: true,
      parameters: { channel: '#reviews' },
    });
    expect(acceptInput({ name: 'n', parameters: { docsUrl: '' }, activate: false })).toEqual({ name: 'n', activate: false });
  });

  it("keys the server's field errors as the form's fields", () => {
    expect(serverFieldErrors({ 'input.parameters.channel': 'Unknown channel', name: 'Too long' })).toEqual({
      'parameters.channel': 'Unknown channel',
      name: 'Too long',
    });
  });
});
