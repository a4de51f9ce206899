package io.spinestream.events.cloudevents;

/** CloudEvents {@code source} of each service: a URI-reference naming the producer. */
public final class EventSources {

    public static final String SENSOR_INGEST = "/spinestream/sensor-ingest";
    public static final String FORM_ANALYSIS = "/spinestream/form-analysis";
    public static final String JOURNAL = "/spinestream/journal";
    public static final String NOTIFICATION = "/spinestream/notification";

    private EventSources() {
    }

    /**
     * The source of a service named as in the topic registry ({@code Topics.JOURNAL}, …):
     * {@code /spinestream/<service>}.
     *
     * @throws IllegalArgumentException for a name that is not a plain service name
     */
    public static String of(String service) {
        if (service == null || !service.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        return "/spinestream/" + service;
    }
}
