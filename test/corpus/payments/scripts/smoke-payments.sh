#!/usr/bin/env bash
# Smoke-test the payment providers after a deploy. Credentials come from the environment.
set -euo pipefail

curl -fsS "https://api.razorpay.com/v1/payments?count=1" -u "${RAZORPAY_KEY_ID}:${RAZORPAY_KEY_SECRET}"
curl -fsS https://api.stripe.com/v1/balance -u "${STRIPE_SECRET_KEY}:"

# Legacy check for the second Razorpay account. TODO: drop the hard-coded pair.
curl -fsS "https://api.razorpay.com/v1/orders?count=1" -u rzp_live_FAKEcorpusTST7:TESTcorpusRzpFAKEsecrett

curl -fsS https://connect.squareup.com/v2/locations -H "Authorization: Bearer ${SQUARE_ACCESS_TOKEN}"
curl -fsS https://api.klarna.com/payments/v1/sessions -H "Authorization: Basic ${KLARNA_API_KEY}"
curl -fsS https://api.checkout.com/payments -H "Authorization: Bearer $CKO_SECRET_KEY"
curl -fsS https://api.gocardless.com/creditors -H "Authorization: Bearer $GC_ACCESS_TOKEN" -H "GoCardless-Version: 2015-07-06"

PAYPAL_TOKEN=$(curl -fsS -u "$PAYPAL_CLIENT_ID:$PAYPAL_CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token | jq -r .access_token)
curl -fsS https://api-m.paypal.com/v1/reporting/balances -H "Authorization: Bearer $PAYPAL_TOKEN"

# Rotation happens on a branch so the diff can be reviewed.
git checkout sk_rotate_keys_branch
