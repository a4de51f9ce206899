package io.spinestream.journal.wearer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.Limits;
import io.spinestream.events.payload.WearerProfile;
import io.spinestream.events.topic.Topics;
import io.spinestream.journal.support.Ids;
import io.spinestream.journal.support.TopicReader;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.Sql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.spinestream.journal.support.JournalApi.createWearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wearers enrolled before the journal published profiles (the V2 migration gave them version 1
 * without an event, and V4 marked them) get their current profile on the wearer-profiles topic
 * without anyone touching them, once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ProfileBackfillTest {

    @Inject
    AgroalDataSource dataSource;

    /** A wearer as the migrations left one enrolled before profile versions: version 1 by 'migration', marked due. */
    private String seedEnrolledBeforeProfileEvents(String clinic) {
        String id = Ids.unique("legacy");
        Sql.exec(dataSource, "INSERT INTO wearer (id, clinic_id, display_name, birth_year, created_at, updated_at,"
                + " profile_event_due) VALUES (?, ?, 'Lee Legacy', 1961, now(), now(), TRUE)", id, clinic);
        Sql.exec(dataSource, "INSERT INTO wearer_profile_version (wearer_id, version, clinic_id, conditions, limits,"
                + " birth_year, changed_by, changed_at, reason) SELECT id, 1, clinic_id, '{}', '{}', birth_year,"
                + " 'migration', created_at, 'profile before versioning' FROM wearer WHERE id = ?", id);
        return id;
    }

    private long stillDue(String id) {
        return Sql.queryLong(dataSource, "SELECT count(*) FROM wearer WHERE id = ? AND profile_event_due", id);
    }

    private long outboxRows(String id) {
        return Sql.queryLong(dataSource, "SELECT count(*) FROM outbox_event WHERE event_id = ?",
                EventIds.of(EventType.WEARER_PROFILE, id, "1"));
    }

    @Test
    void givenWearerEnrolledBeforeProfileEvents_whenTheServiceRuns_thenItsProfileIsPublishedAndNoLongerDue() {
        String id = seedEnrolledBeforeProfileEvents("clinic-a");

        try (TopicReader profiles = new TopicReader(Topics.WEARER_PROFILES.name())) {
            var records = profiles.awaitFor(id, found -> !found.isEmpty());
            var event = records.get(0).value();
            assertThat(event.id()).isEqualTo(EventIds.of(EventType.WEARER_PROFILE, id, "1"));
            assertThat(event.clinicId()).isEqualTo("clinic-a");
            WearerProfile profile = event.dataAs(WearerProfile.class);
            assertThat(profile.wearerId()).isEqualTo(id);
            assertThat(profile.version()).isEqualTo(1);
            assertThat(profile.conditions()).isEmpty();
            assertThat(profile.limits()).isEqualTo(Limits.none());
            assertThat(profile.birthYear()).isEqualTo(1961);
        }
        assertThat(stillDue(id)).isZero();
        assertThat(outboxRows(id)).isEqualTo(1);
    }

    @Test
    void givenBackfilledWearerMarkedAgain_whenTheServiceRuns_thenTheOutboxStillHoldsItsProfileOnce() {
        String id = seedEnrolledBeforeProfileEvents("clinic-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> stillDue(id) == 0);

        Sql.exec(dataSource, "UPDATE wearer SET profile_event_due = TRUE WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> stillDue(id) == 0);

        assertThat(outboxRows(id)).isEqualTo(1);
    }

    @Test
    void givenWearerEnrolledThroughTheApi_whenCreated_thenItIsNotLeftForTheBackfill() {
        String id = createWearer("clinic-a");

        assertThat(stillDue(id)).isZero();
        assertThat(outboxRows(id)).isEqualTo(1);
    }
}
