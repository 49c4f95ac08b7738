interface PolicyCheckboxProps {
  /** The versions in force (policyConsent.current). */
  versions: { privacyPolicy: string; termsOfService: string };
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
}

/** "I accept …" with the versions in force, as the sign-up form and the consent page ask it. */
export function PolicyCheckbox({ versions, checked, onChange, error }: PolicyCheckboxProps) {
  return (
    <div className="field checkbox">
      <label>
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'policy-error' : undefined}
        />{' '}
        I accept the privacy policy (version {versions.privacyPolicy}) and the terms of service (version {versions.termsOfService})
      </label>
      {error && (
        <small id="policy-error" className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
