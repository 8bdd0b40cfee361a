// What to do about any leaked credential, after AWS's guidance on programmatic access:
// removing it from the code does not undo the leak.
export const GENERAL_ADVICE =
  'Treat the secret as compromised: rotate or revoke it first, then remove it from the code (and history). ' +
  'Prefer short-lived credentials (roles, OIDC, temporary tokens) over long-lived keys, and keep secrets in a secret store, not in the repository.';
