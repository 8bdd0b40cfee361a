#!/usr/bin/env bash
# Bootstrap a developer machine (fake credentials for tests)
set -euo pipefail
export APP_ENV=dev
export SHODAN_API_KEY="FAKEtestNOTREALokxCCAH4riKjDkCds"
export SHODAN_API_KEY_STAGING="<shodan-key>"
export FULLCONTACT_API_KEY="FAKEtestNOTREALehqlk7Og3DWskwXp2"
export FULLCONTACT_API_KEY_STAGING="<fullcontact-key>"
export DEEPL_AUTH_KEY="39507481-5d48-4282-97a6-57521464da05:fx"
export GUARDIAN_API_KEY="969d0591-1adc-4511-886c-77bc631eb79c"
export GUARDIAN_API_KEY_STAGING=""
export JOTFORM_API_KEY="62fdf088ff660477ff1a7352b61a615c"
export JOTFORM_API_KEY_STAGING="<jotform-key>"
export SENDBIRD_API_TOKEN="a731069b8d12e35562e72d50197379632485dd16"
export SENDBIRD_API_TOKEN_STAGING=""
export HELLOSIGN_API_KEY="add94f6c682a03d1f753e5a5c39aabdbd5349eb5b1562d46d09384b5ef33728d"
export HELLOSIGN_API_KEY_STAGING="${HELLOSIGN_API_KEY}"
