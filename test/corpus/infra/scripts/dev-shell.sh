#!/bin/sh
# Interactive helpers: every command here prompts for the password or reads it from a file.
psql -h localhost -U postgres -W orders
mysql -h 127.0.0.1 -u root -p
mongosh "mongodb+srv://cluster0.abcde.mongodb.net/orders" --apiVersion 1 --username admin
redis-cli -h localhost -p 6379 --askpass
docker login --username ci-bot --password-stdin registry.internal.test < "$HOME/.config/registry-token"
kubectl -n orders create secret generic db --from-literal=password="$(openssl rand -base64 24)"
sqlcmd -S localhost -U sa -P "$(cat /run/secrets/mssql_sa_password)" -Q "SELECT 1"
htpasswd -nbB admin "$ADMIN_PASSWORD" >> config/nginx/.htpasswd
age-keygen -o ~/.config/sops/age/keys.txt
export PGPASSFILE="$HOME/.pgpass"
