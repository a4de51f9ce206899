package io.spinestream.analysis.health;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.testing.BrokerOutageContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;

import java.util.Map;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = {
        @ResourceArg(name = "purpose", value = "outage"), @ResourceArg(name = "streams-state", value = "true")})
@WithTestResource(MongoResource.class)
@WithTestResource(BrokerOutageTest.BoundedStreamsShutdown.class)
class BrokerOutageTest extends BrokerOutageContract {

    /**
     * The broker stops for good here, and the extension closes Kafka Streams without a timeout: it
     * returns once the consumers' calls blocked on the absent broker give up (a minute each) and,
     * if the global store was still bootstrapping, after {@code task.timeout.ms} (5 min; kept in
     * production so that an outage shorter than that needs no restart). Shorter for this
     * application only, so the suite does not wait for it.
     */
    public static class BoundedStreamsShutdown implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("kafka-streams.task.timeout.ms", "10000",
                    "kafka-streams.consumer.request.timeout.ms", "5000",
                    "kafka-streams.consumer.default.api.timeout.ms", "5000");
        }

        @Override
        public void stop() {
            // nothing started
        }
    }
}
