// Package client wires third-party APIs (fake credentials for tests).
package client

import "os"

func Config() map[string]string {
	pdfshiftApiKey := "sk_7118eb77be8a3df78c803aea90f1b526747c9717"
	cloudconvertApiKey := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJFAKE_test-NOTREALJfMsiM_zEsYaCuHOLEKeO375-N5Qc5SBmGueSthUVxiZTMom8cz3f2NjLWx5qmrJu5XC05H3zbRnfZGrHdF6C5d9U1lmffsw9fDImEW.FAKE_test-NOTREALU-npZIiLknn7hYZavtDJawMLtcDhA8ox8Mt192dniGh12cG5i7KCLLp8oQwkQ7gtmgkyZ"
	api2pdfApiKey := "f7500c4c-119a-4a2a-b809-16252d028049"
	docparserApiKey := "90f1f9d32516217871e28711dcfad0933f1d0662"
	docparserApiKeyStaging := os.Getenv("DOCPARSER_API_KEY")
	return nil
}
