#!/usr/bin/env bash
# Copy flag definitions from LaunchDarkly into the local ldcli dev-server.
set -euo pipefail
LD_ACCESS_TOKEN="${LD_ACCESS_TOKEN:-api-317ecb9b-ecb8-af5e-a15a-941757bbf7af}"
SEGMENT_PUBLIC_API_TOKEN=sgp_FAKE0TEST0leakguardTt7ww6sUEWGVQZxnrsFR2ZXnI97Bmp69KoOE3UvrjtvYx

curl -s -H "Authorization: ${LD_ACCESS_TOKEN}" https://app.launchdarkly.com/api/v2/flags/default > flags.json
curl -s -H "Authorization: Bearer ${SEGMENT_PUBLIC_API_TOKEN}" https://api.segmentapis.com/sources > sources.json
