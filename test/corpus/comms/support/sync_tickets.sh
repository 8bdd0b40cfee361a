#!/usr/bin/env bash
# Nightly ticket export. FAKE credentials for the leakguard corpus.
set -euo pipefail

# Zendesk: email/token basic auth, token pasted inline (fake)
curl -sf "https://acme-support.zendesk.com/api/v2/incremental/tickets.json?start_time=0" \
  -u ops-bot@mail.internal.test/token:2ALnZ5K1tREd1C9UAEFAKEcorpusZENDESKzZymV > zendesk.json

# Freshdesk: the API key is the user, X the password (fake)
curl -sf -u Hd8FAKEcorpusYeNP4tn:X "https://acme.freshdesk.com/api/v2/tickets?per_page=100" > freshdesk.json

# The documented placeholders are not credentials
echo "usage: curl -u {email_address}/token:{api_token} https://{subdomain}.zendesk.com/api/v2/users.json"
echo "usage: curl -u yourapikey:X https://domain.freshdesk.com/api/v2/tickets"

# From the environment: fine
curl -sf -u "${FRESHDESK_API_KEY}:X" "https://acme.freshdesk.com/api/v2/contacts" > contacts.json
