package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/lib/pq"
	amqp "github.com/rabbitmq/amqp091-go"
)

type Config struct {
	DBPassword string `json:"db_password" env:"DB_PASSWORD"`
	APIToken   string `json:"api_token"`
}

func main() {
	password := os.Getenv("DB_PASSWORD")
	dsn := fmt.Sprintf("host=pg.internal dbname=orders user=worker password=%s sslmode=require", password)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		panic(err)
	}
	defer db.Close()

	// Legacy broker, still hard-coded (fake value for the corpus).
	conn, err := amqp.Dial("amqp://ingest:FAKE0amqp-TEST-3wX7@mq-0.mq:5672/")
	if err != nil {
		panic(err)
	}
	defer conn.Close()

	cfg := Config{DBPassword: password, APIToken: os.Getenv("API_TOKEN")}
	_ = cfg
	const signingKey = "e41b07c9a35d28f6a9c3"
	_ = signingKey
}
