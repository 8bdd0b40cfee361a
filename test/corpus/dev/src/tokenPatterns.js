// Client-side hints for the "paste a token" dialog. These are shapes, not secrets.
export const TOKEN_SHAPES = {
  circleci: /^CCIP(?:AT|RJ)_[1-9A-HJ-NP-Za-km-z]{21,22}_[0-9a-f]{40}$/,
  npm: /^npm_[A-Za-z0-9]{36}$/,
  pypi: /^pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{70,}$/,
  docker: /^dckr_(?:pat|oat)_[A-Za-z0-9_-]+$/,
  vault: /^hv[sbr]\.[A-Za-z0-9_-]{24,}$/,
  doppler: /^dp\.(?:pt|ct|st|sa|scim|audit)\./,
  sonar: /^sq[upa]_[0-9a-f]{40}$/,
};

// Redacted forms shown in the audit log; the middle of the token is never stored.
export const AUDIT_SAMPLES = [
  'npm_9FAKE…kQzd',
  'dp.st.prd.DFAK…2zmo',
  'hvs.CAES…6HKVYYS',
  'sqp_3b62…1aa5',
  'PMAK-09c5…f6c8',
];

// Identifiers that look random but are not credentials.
export const RELEASE_COMMIT = 'ca5142f3ef5ec5cdbfa35e16ae73e5eaf35a8439';
export const SONAR_PROJECT_UUID = '13370d83-7601-4aa4-837b-64c7bcacb311';
export const NUGET_PACKAGE_HASH = 'oy2f25fakegcbwsptestia6jsc8evy';
export const JENKINS_BUILD_TAG = 'jenkins-acme-api-1842';
