package io.spinestream.journal.health;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.testing.BrokerOutageContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "purpose", value = "outage"))
@WithTestResource(PostgresResource.class)
class BrokerOutageTest extends BrokerOutageContract {
}
