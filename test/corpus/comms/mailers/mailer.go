// Package mailer sends transactional mail through the configured provider.
// The keys in this file are FAKE fixtures for the leakguard corpus.
package mailer

import (
	"context"
	"os"

	"github.com/mailgun/mailgun-go/v4"
	"github.com/sendgrid/sendgrid-go"
)

const (
	// fallbackSendgridKey was pasted here during an incident; it must be rotated.
	fallbackSendgridKey = "SG.7rOzk4GCORPUSfakeiSmDB.uFAKEcorpusTESTsendgridvGS321ywWedJ9yg_US2D"
	// placeholder shown in the setup wizard
	wizardSendgridKey = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	mailgunDomain     = "mg.internal.test"
	// mailgunFallbackKey is a fake test key kept for the local smoke test.
	mailgunFallbackKey = "587aa16c662b546290902d287a029208-b2b9acf1-34148b34"
)

// NewMailgun builds a client; the key comes from the environment in production.
func NewMailgun() *mailgun.MailgunImpl {
	key := os.Getenv("MAILGUN_API_KEY")
	if key == "" {
		key = mailgunFallbackKey
	}
	return mailgun.NewMailgun(mailgunDomain, key)
}

// NewSendgrid returns a SendGrid client.
func NewSendgrid() *sendgrid.Client {
	key := os.Getenv("SENDGRID_API_KEY")
	if key == "" {
		key = fallbackSendgridKey
	}
	return sendgrid.NewSendClient(key)
}

// postmarkHeaders are sent with every Postmark request.
func postmarkHeaders(ctx context.Context) map[string]string {
	return map[string]string{
		"Accept":                  "application/json",
		"X-Postmark-Server-Token": "09aaa764-fdee-4fa1-a84b-7cde889cb2be",
		"X-Request-Id":            "af94b202-0ccb-4607-82ac-e59bc137dca2",
	}
}
