#!/bin/sh
set -eu
# Bootstrap the namespace (run once by an operator)
kubectl config set-credentials deployer --token=FAKE0kube-TEST-token-9a7Xb2Lq
kubectl -n orders create secret generic orders-api --from-literal=token=Fake8Kube3Test7Wq0
kubectl -n orders create secret generic orders-db --from-file=password=./secrets/db-password.txt
kubectl -n orders create configmap orders-flags --from-literal=FEATURE_FLAGS=orders-v2
kubectl --token="$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)" -n orders get pods
kubectl config view --minify   # prints DATA+OMITTED / REDACTED
