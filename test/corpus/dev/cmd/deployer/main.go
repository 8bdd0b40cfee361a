package main

import (
	"fmt"
	"log"
	"os"

	vault "github.com/hashicorp/vault/api"
)

// Defaults for local runs against the staging stack. Do not ship these.
const (
	defaultVaultAddr   = "https://vault.staging.acme.test:8200"
	defaultVaultToken  = "hvs.9LxuEpFAKERo5cuTESTQ7qVk"
	dopplerServiceAcct = "dp.sa.fqFAKEyqDTESTzElxIpj1hehI5eRNxCMPqgvUhlDIQr"
	pulumiToken        = "pul-1def3e4aff55270a3b762f835d6240fa68c09a2e"
	// tfeTokenHint documents the shape only: "<14 chars>.atlasv1.<67 chars>"
	tfeTokenHint = "<14 chars>.atlasv1.<67 chars>"
)

func vaultClient() (*vault.Client, error) {
	cfg := vault.DefaultConfig()
	cfg.Address = getenv("VAULT_ADDR", defaultVaultAddr)
	c, err := vault.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	c.SetToken(getenv("VAULT_TOKEN", defaultVaultToken))
	return c, nil
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func main() {
	c, err := vaultClient()
	if err != nil {
		log.Fatal(err)
	}
	os.Setenv("DOPPLER_TOKEN", dopplerServiceAcct)
	os.Setenv("PULUMI_ACCESS_TOKEN", pulumiToken)
	fmt.Println("vault ready:", c.Address(), tfeTokenHint)
}
