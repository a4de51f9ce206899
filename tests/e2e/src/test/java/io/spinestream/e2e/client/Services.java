package io.spinestream.e2e.client;

import io.spinestream.e2e.webhook.WebhookReceiver;

/** Where the platform under test answers, and who may call it. */
public interface Services {

    /** Base URL of sensor-ingest. */
    String ingest();

    /** Base URL of form-analysis. */
    String analysis();

    /** Base URL of journal. */
    String journal();

    /** Base URL of notification. */
    String notification();

    /** A signed access token, as the clinic's identity provider would issue it. */
    String token(String role, String clinic, String subject);

    /** The integrator's webhook receiver. */
    WebhookReceiver receiver();

    Http http();
}
