package io.spinestream.events.cloudevents;

/** CloudEvents {@code source} of each service: a URI-reference naming the producer. */
public final class EventSources {

    public static final String SENSOR_INGEST = "/spinestream/sensor-ingest";
    public static final String FORM_ANALYSIS = "/spinestream/form-analysis";
    public static final String JOURNAL = "/spinestream/journal";
    public static final String NOTIFICATION = "/spinestream/notification";

    private EventSources() {
    }
}
