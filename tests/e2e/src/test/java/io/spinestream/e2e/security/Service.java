package io.spinestream.e2e.security;

import java.util.function.Function;

import io.spinestream.e2e.client.Services;

/** The four services, each with where it answers in the platform under test. */
enum Service {

    INGEST("sensor-ingest", Services::ingest),
    ANALYSIS("form-analysis", Services::analysis),
    JOURNAL("journal", Services::journal),
    NOTIFICATION("notification", Services::notification);

    private final String title;
    private final Function<Services, String> baseUrl;

    Service(String title, Function<Services, String> baseUrl) {
        this.title = title;
        this.baseUrl = baseUrl;
    }

    String baseUrl(Services services) {
        return baseUrl.apply(services);
    }

    /** Only sensor-ingest knows belt credentials; to the others one is just a bearer token that is no JWT. */
    boolean authenticatesBelts() {
        return this == INGEST;
    }

    @Override
    public String toString() {
        return title;
    }
}
