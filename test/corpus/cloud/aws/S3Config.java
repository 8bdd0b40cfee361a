package com.fakecorp.storage;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

public final class S3Config {
    // Fake credentials for the scanner corpus.
    private static final BasicAWSCredentials CREDS =
        new BasicAWSCredentials("AKIATESTCF5MFPYNXB3S", "FAKEpY1UYrztFnzW0FvoA8c6ykSlniSNwdKBK3QF");

    // Role session credentials returned by STS in a recorded test response
    static final String RECORDED_STS = "{\"AccessKeyId\": \"ASIAFAKE5TEST6NOTRL7\", \"Expiration\": \"2030-01-01T00:00:00Z\"}";

    public static AmazonS3 client() {
        return AmazonS3ClientBuilder.standard()
            .withCredentials(new AWSStaticCredentialsProvider(CREDS))
            .withRegion("eu-west-1")
            .build();
    }

    public static AmazonS3 fromEnvironment() {
        String keyId = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        return AmazonS3ClientBuilder.standard()
            .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(keyId, secret)))
            .build();
    }
}
