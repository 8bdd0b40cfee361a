#!/usr/bin/env bash
# Nightly backups of every datastore. Credentials SHOULD come from the environment;
# the hard-coded ones below are what leakguard must catch (fake values).
set -euo pipefail

: "${PGPASSWORD:?PGPASSWORD must be set}"
BACKUP_DIR=/backups/$(date +%F)
mkdir -p "$BACKUP_DIR"

# PostgreSQL: password from PGPASSWORD (fine)
pg_dump "host=pg.internal port=5432 dbname=orders user=backup sslmode=require" > "$BACKUP_DIR/orders.sql"
pg_dump "host=pg-legacy.internal dbname=billing user=billing password=FAKE0pg9TEST2qz" > "$BACKUP_DIR/billing.sql"

# MySQL
mysqldump -h mysql.internal -u backup -pFake0Mysql-Test-7wR4 --single-transaction shop > "$BACKUP_DIR/shop.sql"
mysqldump -h mysql.internal -u backup -p"$MYSQL_BACKUP_PASSWORD" --single-transaction crm > "$BACKUP_DIR/crm.sql"
mysql -u root -p shop -e "SELECT 1"   # prompts

# MongoDB
mongodump --host rs0/mongo-0:27017 --username backup --password FAKE-mongo-TEST-5kZ8 --authenticationDatabase admin --out "$BACKUP_DIR/mongo"
mongodump --uri "$MONGO_BACKUP_URI" --out "$BACKUP_DIR/mongo-analytics"

# SQL Server
sqlcmd -S tcp:sql.internal,1433 -d billing -U deploy -P Fake4Sql8Test2Vb -Q "BACKUP DATABASE billing TO URL = 'https://backups.internal.test/billing.bak'"
sqlcmd -S tcp:sql.internal,1433 -U deploy -P "$SQLCMD_DEPLOY_PASSWORD" -Q "SELECT 1"

# Redis
redis-cli -h cache.internal --user backup --pass FAKE0redis-TEST-4kQ9 --no-auth-warning --rdb "$BACKUP_DIR/dump.rdb"
REDISCLI_AUTH="$(cat /run/secrets/redis)" redis-cli -h cache.internal ping

# RabbitMQ definitions
rabbitmqctl add_user backup 'FAKE0amqp-TEST-3wX7'
rabbitmqctl add_user "$RMQ_USER" "$RMQ_PASS"

# Ship to the registry
echo "FAKE0docker-TEST-5tG8" | docker login -u ci-bot --password-stdin registry.internal.test
echo "$REGISTRY_PASSWORD" | docker login -u ci-bot --password-stdin registry.internal.test
docker login -u deploy -p Fake2Registry9Test4Xc registry.internal.test
docker push registry.internal.test/backups/runner:latest

# Notify
curl -fsS "https://hooks:Fake1Hook5Test8Np@notify.internal.test/backup?status=ok"
curl -fsS "https://${NOTIFY_USER}:${NOTIFY_PASS}@notify.internal.test/backup?status=ok"
read -r -s -p "Password: " CONFIRM_PASSWORD
