package io.spinestream.ingest.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.ReadinessContract;

import java.util.List;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> requiredChecks() {
        return List.of("Kafka", "PostgreSQL", "Belt command consumer");
    }
}
