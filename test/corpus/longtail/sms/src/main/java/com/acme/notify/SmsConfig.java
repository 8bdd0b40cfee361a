package com.acme.integrations;

// Fake credentials for leakguard tests.
public final class SmsConfig {
    private static final int TIMEOUT_MS = 5000;
    private static final String TEXTMAGIC_API_KEY = "FAKEtestNOTREALbHvRANeWM1J3V5n";
    private static final String BANDWIDTH_CLIENT_SECRET = "FAKEtestNOTREALu8ob6jQt85CiebI2nBJHUvIOEmjITVg7t";
    private final String bandwidthClientSecretStaging = System.getenv("BANDWIDTH_CLIENT_SECRET");
    private static final String MSG91_AUTH_KEY = "FAKEtestNOTRIuFjpidC8NiS";
    private final String msg91AuthKeyStaging = System.getenv("MSG91_AUTH_KEY");
    private static final String CLICKATELL_API_KEY = "FAKE_test-NhC19xYeV4VF";
}
