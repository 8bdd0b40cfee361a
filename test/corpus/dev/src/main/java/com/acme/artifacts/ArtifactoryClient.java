package com.acme.artifacts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Thin client for the Artifactory REST API and the Jira release board. */
public final class ArtifactoryClient {

    private static final String BASE_URL = "https://acme.jfrog.io/artifactory";

    // Legacy API key, kept for the nightly mirror job until it moves to reference tokens.
    private static final String LEGACY_API_KEY =
            "AKCpheqjhFAKExFdDUDTESTWjLEAKGUARDccM7sr9f01JeAO8PG6Q6FwzVE4uekNColPo21pC";

    private static final String REFERENCE_TOKEN = System.getenv("JFROG_ACCESS_TOKEN");

    // Used by the release-notes generator to label Jira issues.
    private static final String JIRA_USER = "release-bot@acme.test";
    private static final String JIRA_API_TOKEN = "ATATT3xFfGF0RusZFAKEAdTESTSG3zLEAKGUARDt41aZ6n9CX9UvAXq9KCnwaIjgCwUzChxEQZmTtUgxdyFsDgpeHIRbZjmXKOYRqK_uMywL4CZg5uvTUrQt8xv395NPT1APbbxmnMQkksGI2-FNUH-xgHbGq-getuzeH4lGadb-B1OvcWnxbVW=F850C1C7";

    /** The API key header name; the value is never logged. */
    public static final String API_KEY_HEADER = "X-JFrog-Art-API";

    private final HttpClient http = HttpClient.newHttpClient();

    public String repositories() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(BASE_URL + "/api/repositories"))
                .header(API_KEY_HEADER, LEGACY_API_KEY)
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    public String storageInfo() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(BASE_URL + "/api/storageinfo"))
                .header("Authorization", "Bearer " + REFERENCE_TOKEN)
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
