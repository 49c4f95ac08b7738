import { useState, type FormEvent } from 'react';
import { useAcceptPoliciesMutation, usePolicyConsentQuery } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { QueryState } from '../../ui/QueryState';
import { PolicyCheckbox } from './PolicyCheckbox';

/**
 * Shown in place of the page when the gateway answered CONSENT_REQUIRED: the person accepts the
 * versions in force and carries on where they were (or signs out, in the header).
 */
export function PolicyConsent() {
  const { acceptedPolicies } = useSession();
  const [{ data, fetching, error }] = usePolicyConsentQuery({ requestPolicy: 'network-only' });
  const [accepting, accept] = useAcceptPoliciesMutation();
  const [checked, setChecked] = useState(false);
  const [unchecked, setUnchecked] = useState(false);
  const current = data?.policyConsent.current;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setUnchecked(!checked);
    if (!checked || !current) return;
    const result = await accept({ input: { privacyPolicyVersion: current.privacyPolicy, termsOfServiceVersion: current.termsOfService } });
    if (result.data) acceptedPolicies(result.data.acceptPolicies);
  }

  return (
    <section aria-labelledby="policy-consent-title">
      <h1 id="policy-consent-title">Our policies have changed</h1>
      <QueryState fetching={fetching} error={error} data={data?.policyConsent.current ?? undefined}>
        {(current) => (
          <form onSubmit={submit} noValidate>
            <p>To go on using Flowgraph, please read and accept the current privacy policy and terms of service.</p>
            <PolicyCheckbox
              versions={current}
              checked={checked}
              onChange={setChecked}
              error={unchecked && !checked ? 'Accept both to continue' : undefined}
            />
            {accepting.error && <ErrorNotice error={accepting.error} title="Could not record your acceptance" />}
            <button type="submit" className="primary" disabled={accepting.fetching}>
              {accepting.fetching ? 'Saving…' : 'Accept and continue'}
            </button>
          </form>
        )}
      </QueryState>
    </section>
  );
}
