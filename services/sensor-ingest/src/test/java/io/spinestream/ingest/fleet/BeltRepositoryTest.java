package io.spinestream.ingest.fleet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BeltRepositoryTest {

    @Inject
    BeltRepository belts;

    @Test
    void givenBeltOfOneClinic_whenLookedUpFromEachClinic_thenOnlyItsOwnClinicFindsIt() throws Throwable {
        Belt belt = new Belt();
        belt.id = "SB-REPO-1";
        belt.clinicId = "clinic-repo";
        belt.provisionedAt = Instant.parse("2026-11-20T10:00:00Z");

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> belts.persist(belt)));
        Belt own = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> belts.findInClinic("clinic-repo", "SB-REPO-1")));
        Belt foreign = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> belts.findInClinic("clinic-other", "SB-REPO-1")));

        assertThat(own).isNotNull();
        assertThat(own.clinicId).isEqualTo("clinic-repo");
        assertThat(own.state).isEqualTo(BeltState.active);
        assertThat(foreign).isNull();
    }
}
