#!/usr/bin/env bash
# Deploy script (fake credentials, for the scanner's corpus only)
set -euo pipefail

export AWS_ACCESS_KEY_ID=AKIALEAKGUARD47FXZTW
export AWS_SECRET_ACCESS_KEY="LEAKGUARD8nrL7jwDbtQ1pBWy7YCNkizvAfpA7Ap"
export AWS_DEFAULT_REGION=us-east-1

# Temporary credentials are fetched at runtime: nothing to report here.
creds="$(aws sts assume-role --role-arn arn:aws:iam::604829175318:role/deployer --role-session-name ci)"
export AWS_SESSION_TOKEN="$(echo "$creds" | jq -r .Credentials.SessionToken)"
export AWS_SECRET_ACCESS_KEY_FROM_VAULT="${VAULT_AWS_SECRET}"

# Bedrock long-term API key pasted for a quick test (fake)
export AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1mYWtlLWF0LTYwNDgyOTE3NTMxODpGQUtFMExlYWtHdWFyZDBURVNUMFpxN1h3MlZiOUtkNEhzOEptMVBjNlRuM1J5NT0=

# IAM identifiers are not credentials
ROLE_ID=AROAFAKE2UFBO6XKXPGD
USER_ID=AIDATESTCF5MFPYNXB3S
aws s3 sync ./dist "s3://fake-corp-site-604829/" --delete
