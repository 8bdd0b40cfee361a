// Package client wires third-party APIs (fake credentials for tests).
package client

import "os"

func Config() map[string]string {
	trelloApiKey := "6b4cd848c2d26e9ed840e9ca1f52d916"
	togglApiToken := "b05a7eabff3071478553a356168c716d"
	togglApiTokenStaging := os.Getenv("TOGGL_API_TOKEN")
	todoistApiToken := "7afd134f57cedc2827e65ece87fe134557123c19"
	return nil
}
