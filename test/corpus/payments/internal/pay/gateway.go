package pay

import (
	"net/http"
	"os"
)

const (
	flutterwaveBaseURL = "https://api.flutterwave.com/v3"
	// Public key, used by the inline checkout widget.
	flutterwavePublicKey = "FLWPUBK-28c8ecf5b743232be83a35e88c9da629-X"
	// Test-mode credentials for the staging cluster.
	flutterwaveTestSecret = "FLWSECK_TEST-1def3e4aff55270a3b762f835d6240fa-X"
	flutterwaveTestEncKey = "FLWSECK_TESTef2bb6415288"
)

func authorizeFlutterwave(req *http.Request) {
	key := os.Getenv("FLW_SECRET_KEY")
	if key == "" {
		key = "FLWSECK-7bee16446f01a159d949e6567781867b-X" // fallback for the cron box, remove before release
	}
	req.Header.Set("Authorization", "Bearer "+key)
}

// Only the Paystack test key may live in this repository.
var paystackTestKey = "sk_test_74b1a9fc95ff5a5f802b8df666e340ac35ad01b6"

func checkoutSandboxHeaders(h http.Header) {
	h.Set("Authorization", "sk_sbox_corpussbx4fake5testfgwn343x")
	h.Set("Cko-Idempotency-Key", "933a4221-0adc-e753-7566-e95225e50c64")
}
