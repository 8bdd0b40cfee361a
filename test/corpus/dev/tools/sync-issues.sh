#!/usr/bin/env bash
# Mirrors release issues between Jira, Linear and Azure Boards.
# Usage: JIRA_USER=me@acme.test ./tools/sync-issues.sh v3.4.1
set -euo pipefail

JIRA_BASE_URL="https://acme.atlassian.net"
JIRA_API_TOKEN="GapqcBFAKEBRNNlTESTD8GFq"   # old-style token, rotate before 2026
export AZURE_DEVOPS_EXT_PAT=zfakezgtestouol2nhyljyd3jyxgmduu77qaxjcvhjl3maenkzkb
LINEAR_API_KEY="${LINEAR_API_KEY:?set LINEAR_API_KEY}"

release="${1:?usage: sync-issues.sh <version>}"

curl -sf -u "${JIRA_USER}:${JIRA_API_TOKEN}" \
  "${JIRA_BASE_URL}/rest/api/3/search?jql=fixVersion=${release}" > /tmp/jira.json

az boards query --org https://dev.azure.com/acme --wiql "SELECT [System.Id] FROM workitems"

git push "https://build:cvtestngp4ofakesyysqoqgw2dl4s66ch7kmz27k3dgsg4ygsl2n@dev.azure.com/acme/platform/_git/release-notes" HEAD:main

curl -sf -H "Authorization: token sgp_b2f0a46d27d8d43f_3fe11e37b88700ab1a5882264646031bebaeb3a0" \
  -d '{"query":"query { currentUser { username } }"}' https://sourcegraph.acme.test/.api/graphql
