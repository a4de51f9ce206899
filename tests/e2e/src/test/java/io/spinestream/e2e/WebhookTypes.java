package io.spinestream.e2e;

/** The event types an integrator subscribes to, as docs/webhooks.md names them. */
final class WebhookTypes {

    static final String FORM_FAULT = "io.spinestream.form.fault.v1";
    static final String RED_FLAG = "io.spinestream.journal.red-flag.v1";

    private WebhookTypes() {
    }
}
