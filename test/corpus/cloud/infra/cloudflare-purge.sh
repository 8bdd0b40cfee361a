#!/bin/sh
# Purge the CDN cache (fake credentials, scanner corpus)
CLOUDFLARE_EMAIL=ops@fake-corp.test
CLOUDFLARE_API_KEY=d19f529cae80e7931840d1a75a847f171a1e9
CLOUDFLARE_ZONE_ID=d19f529cae80e7931840d1a75a847f17
CF_API_TOKEN=FAKEuFOyVSg5N46e2apLEh3Y4Az1HSFZ8ZF-jEQA
CF_ORIGIN_CA_KEY=v1.0-a6a8c1c82b8358da2406ea7a-5fa683fa1b7e3a2f69d715c0c2e4b470e2e9df641f19b5269a1706251bec209319e92e85838be6a3d47fa57c6fb9da2f59ce14952a571f3a173a07947ea7af39be3e5909e793f826f0

curl -fsS -X POST "https://api.cloudflare.com/client/v4/zones/$CLOUDFLARE_ZONE_ID/purge_cache" \
  -H "X-Auth-Email: $CLOUDFLARE_EMAIL" \
  -H "X-Auth-Key: $CLOUDFLARE_API_KEY" \
  --data '{"purge_everything":true}'

# New-format tokens
curl -fsS -H "Authorization: Bearer cfut_TESTfE3SePpaeyU30k0JGWNAjerjUSEBZx5FHPBw8Lm2" https://api.cloudflare.com/client/v4/user/tokens/verify
ACCOUNT_TOKEN="cfat_LEAKGUARD47mx0Ais09eEGbM3RnDsHP62amkTxt2Qw7Rz"
