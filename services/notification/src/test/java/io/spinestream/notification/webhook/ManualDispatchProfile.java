package io.spinestream.notification.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service with its own dispatcher switched off: tests run dispatchers by hand over the same
 * database, each with a clock the test controls, as separate instances or restarts would.
 */
public class ManualDispatchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "spinestream.notification.webhooks.dispatcher.enabled", "false",
                "spinestream.notification.webhooks.retry.schedule", "1m,5m,1h,2h",
                "spinestream.notification.webhooks.disable-after", "1h",
                "spinestream.notification.webhooks.dispatcher.lease", "30s",
                "spinestream.notification.webhooks.http.response-timeout", "2s");
    }
}
