#!/usr/bin/env bash
# Monthly AI spend report. Run from the ops laptop.
set -euo pipefail

OPENAI_ADMIN_KEY="sk-admin-FAKE0admin0LEAKGUARD0testw9TaWb6tpF0Yv_aSVIYU6qtizwjI5qpV-8gcY9LDQzg0yGzMVT3BlbkFJNOTREAL0TEST_admEYcGRqxJSCSSfmkB9r4tC4Dxfy7_0qmAiyJ1L6Niszwsn3WWfNMP2Z-er3"
ANTHROPIC_ADMIN_KEY="${ANTHROPIC_ADMIN_KEY:?set it}"

curl -s https://api.openai.com/v1/organization/costs?start_time=1717200000 \
  -H "Authorization: Bearer $OPENAI_ADMIN_KEY" > openai-costs.json

curl -s "https://api.anthropic.com/v1/organizations/usage_report/messages?starting_at=2024-06-01T00:00:00Z" \
  --header "anthropic-version: 2023-06-01" \
  --header "x-api-key: sk-ant-admin01-FAKE-LEAKGUARD_admin-test-DbeXa-Q5JOUHPaKOGMI8_C9lq2LsV0AotCDyMjO0S0yUjkMoCs_POkAZKdK4fIydhoRAA" > anthropic-usage.json

# push the totals to New Relic as custom events
curl -s -X POST https://insights-collector.eu01.nr-data.net/v1/accounts/604829/events \
  -H "X-Insert-Key: NRII-FAKE0TEST0leakguard6-1tP48Qf2vkw" \
  -d @events.json

GRAFANA_API_KEY=eyJrIjoiRkFLRXRlc3RMZWFrZ3VhcmQwMnJvbVRoS2tLSDJleTgiLCJuIjoiY2ktZmFrZS1rZXkiLCJpZCI6MX0
curl -s -H "Authorization: Bearer $GRAFANA_API_KEY" https://grafana.internal.test/api/annotations -d @annotation.json
