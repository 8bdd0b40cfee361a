package main

import (
	"context"
	"fmt"
	"os"

	"github.com/digitalocean/godo"
)

// Fake tokens for the scanner corpus.
const (
	fallbackToken = "dop_v1_f2f1405d037e37a9d4f7d52c83936ce6c06e8a28469f20e80e2ea8ce03f2e02c"
	oauthRefresh  = "dor_v1_24731b92936c52f26f182e9f2061d5ac793dfdb162683db5ca7eca514b035da4"
	// a release digest, 64 hex but no token prefix
	releaseSHA256 = "e1f6bf4f0fc2f463838c3942f08a5e3bd5815193e195e175f80a0b6f837b48f8"
	// recorded OAuth response used by the token-refresh test
	recordedOAuth = `{"access_token": "doo_v1_1d5e726e69cf183148b24f60728481e9740ea5e69ac6926f8a909beb313e3fc4", "token_type": "bearer", "expires_in": 2592000}`
	hetznerToken  = "FAKEIBMfJ4S6f5C8yiVrQkeM8BWYt5iOrK1uoHdqhavCEK47fCTlOgVigzHyVRKV"
)

func main() {
	token := os.Getenv("DIGITALOCEAN_TOKEN")
	if token == "" {
		token = fallbackToken
	}
	client := godo.NewFromToken(token)
	droplets, _, err := client.Droplets.List(context.Background(), &godo.ListOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(droplets), releaseSHA256, oauthRefresh, recordedOAuth, hetznerToken)
}
