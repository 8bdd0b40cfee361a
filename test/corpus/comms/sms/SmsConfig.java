package com.acme.sms;

import java.util.Map;

/**
 * SMS provider settings. The values are FAKE fixtures for the leakguard corpus.
 */
public final class SmsConfig {
    // Sinch SMS: the service plan ID is an identifier, the API token is the secret.
    public static final String SINCH_SERVICE_PLAN_ID = "47dccf0b7162de42c486d2a43191aef5";
    public static final String SINCH_API_TOKEN = "1eedff70b0cc1bfc3d66ce8572402365";
    public static final String SINCH_KEY_ID = "af94b202-0ccb-4607-82ac-e59bc137dca2";
    public static final String SINCH_KEY_SECRET = "y6uOvN_sS3vN55gfFAKEcorpus";

    // Plivo credentials are read from the environment here.
    public static final String PLIVO_AUTH_TOKEN = System.getenv("PLIVO_AUTH_TOKEN");

    // Vonage secret from the vault (a reference, not a value)
    public static final String VONAGE_API_SECRET = "${vault:sms/vonage#secret}";

    public static Map<String, String> headers(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private SmsConfig() {}
}
