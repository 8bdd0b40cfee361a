package com.acme.integrations;

// Fake credentials for leakguard tests.
public final class Integrations {
    private static final int TIMEOUT_MS = 5000;
    private static final String URLSCAN_API_KEY = "e04b4b6d-06c0-41a5-9009-58f1ba406ff6";
    private static final String ABUSEIPDB_API_KEY = "564c9720f630e6028609305089f1c2baf6b78e8c22be188c7b60e6aa0c49395294f969df1481e330";
    private final String abuseipdbApiKeyStaging = System.getenv("ABUSEIPDB_API_KEY");
    private static final String LOB_API_KEY = "live_4023c96f62ac56b4cabf4f08b1f4e9a2416";
    private final String lobApiKeyStaging = System.getenv("LOB_API_KEY");
    private static final String YELP_API_KEY = "FAKE_test-NOTREALG0RChgMBSvmrZW36sEjyrofZf9jgzdtwtml9Yi69jTWrjse23QZb453y_7WemH53h2sAr8_1u217nw5atY3SV2XC0oZpjnpuu5EIrQsJlInE8Oe";
    private static final String TYPEFORM_TOKEN = "tfp_FAKE_test-NOTREALj46GOqpHllRpkxQ3EHQuhaql9Op_FAKE_te9Yj1EMu";
    private final String typeformTokenStaging = System.getenv("TYPEFORM_TOKEN");
    private static final String AGORA_APP_CERTIFICATE = "2ed37dcf207101d642a69c05d7611b27";
    private final String agoraAppCertificateStaging = System.getenv("AGORA_APP_CERTIFICATE");
    private static final String CALENDLY_TOKEN = "eyJraWQiOiIxY2UxZTEzNjE3ZGNmNzY2YjNjZWJjY2Y4ZGM1YmFmYThhNjVlNjg0MDIzZjdjMzJiZTgzNDliMjM4MDEzNWI0IiwidHlwIjoiUEFUIiwiYWxnIjoiRVMyNTYifQ.eyJFAKE_test-NOTREALLogE6DlNRCCTFRpbkE49bzPXwzmQjt16h7CxVbus5r09043ULcIPTAJb8jtxIwpzVOiGEcFoSnjcGfmbG9vqfwJvN3wWsPGB_mBO7v8f9xnlrtd71vf_52mkJjrhUKu4OMlNemx4IxiSZj3xq378HaPEF5BNSIWZOQQJm1OGZjytfaCRnWPyngu.FAKE_test-NOTREALvWNfDxWsOWlWj0ryVDsngq-5wK";
    private final String calendlyTokenStaging = System.getenv("CALENDLY_TOKEN");
}
