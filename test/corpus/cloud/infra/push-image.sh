#!/usr/bin/env bash
# Push images to OCI Registry and IBM Cloud, sync backups to B2. Fake credentials (scanner corpus).
set -euo pipefail

docker login fra.ocir.io -u 'fakens604829/ci-test@fake-corp.test' -p 'TEST]Lp5{Kz2}Hj7:Md4'
docker login fra.ocir.io -u "$OCI_USER" -p "$OCI_AUTH_TOKEN"

ibmcloud login --apikey FAKE9xCm5ptqc6dPNrKhGWjSU6alyELrFbi7_fM5hLZJ -r us-south
ibmcloud login --apikey @~/.bluemix/apikey.json -r eu-de

export B2_APPLICATION_KEY_ID=0058e61e626b5a0000000003
export B2_APPLICATION_KEY=K005FAKEViAMf0Xlh3vtNScUvT8zP9l
b2 authorize-account "$B2_APPLICATION_KEY_ID" "$B2_APPLICATION_KEY"
b2 sync ./backups b2://fake-backups-604829/
