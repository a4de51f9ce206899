package io.spinestream.events.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void givenRegistry_whenListingAll_thenNamesAreUniqueAndVersioned() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(names).hasSize(10).doesNotHaveDuplicates();
        assertThat(names).allMatch(name -> name.startsWith("spinestream.") && name.endsWith(".v1"));
    }

    @Test
    void givenEveryEventType_whenLookingUpItsTopic_thenTopicIsRegisteredAndCarriesEvents() {
        for (EventType type : EventType.values()) {
            assertThat(Topics.all()).as(type.name()).contains(type.topic());
            assertThat(type.topic().valueType()).as(type.name()).isEqualTo(Event.class);
        }
    }

    @Test
    void givenEveryTopicButTelemetry_whenLookingForItsEventTypes_thenAtLeastOneEventTypeUsesIt() {
        List<TopicSpec<?, ?>> eventTopics = Arrays.stream(EventType.values())
                .map(EventType::topic).distinct().collect(Collectors.toList());

        assertThat(Topics.all()).filteredOn(t -> t != Topics.TELEMETRY)
                .containsExactlyInAnyOrderElementsOf(eventTopics);
    }

    @Test
    void givenCompactedTopics_whenInspected_thenTheyHaveNoRetentionAndDeleteTopicsDo() {
        for (TopicSpec<?, ?> topic : Topics.all()) {
            if (topic.cleanupPolicy() == CleanupPolicy.COMPACT) {
                assertThat(topic.retention()).as(topic.name()).isNull();
                assertThat(topic.topicConfig()).as(topic.name())
                        .containsEntry("cleanup.policy", "compact")
                        .doesNotContainKey("retention.ms");
            } else {
                assertThat(topic.retention()).as(topic.name()).isPositive();
                assertThat(topic.topicConfig()).as(topic.name())
                        .containsEntry("cleanup.policy", "delete")
                        .containsEntry("retention.ms", Long.toString(topic.retention().toMillis()));
            }
        }
        assertThat(Topics.all()).filteredOn(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
                .containsExactlyInAnyOrder(Topics.BELT_STATUS, Topics.WEARER_PROFILES, Topics.ERASURE_REQUESTS);
    }

    @Test
    void givenTelemetryTopic_whenInspected_thenItMatchesTheContract() {
        assertThat(Topics.TELEMETRY.name()).isEqualTo("spinestream.telemetry.v1");
        assertThat(Topics.TELEMETRY.valueType()).isEqualTo(IngestedBatch.class);
        assertThat(Topics.TELEMETRY.keyType()).isEqualTo(String.class);
        assertThat(Topics.TELEMETRY.key()).isEqualTo("beltId");
        assertThat(Topics.TELEMETRY.partitions()).isEqualTo(12);
        assertThat(Topics.TELEMETRY.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(Topics.TELEMETRY.producer()).isEqualTo("sensor-ingest");
        assertThat(Topics.TELEMETRY.consumers()).containsExactly("form-analysis");
        assertThat(Topics.TELEMETRY.topicConfig())
                .containsEntry("retention.ms", "604800000")
                .containsEntry("segment.ms", "86400000");
    }

    @Test
    void givenTopicsOfTheBrief_whenInspected_thenNamesKeysPartitionsAndRetentionsMatch() {
        assertThat(Topics.BELT_STATUS).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::partitions)
                .containsExactly("spinestream.belt-status.v1", "beltId", 12);
        assertThat(Topics.WEARER_PROFILES).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::producer)
                .containsExactly("spinestream.wearer-profiles.v1", "wearerId", "journal");
        assertThat(Topics.ALERTS.name()).isEqualTo("spinestream.alerts.v1");
        assertThat(Topics.ALERTS.consumers()).containsExactly("notification");
        assertThat(Topics.SESSION_SUMMARIES.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(Topics.SESSION_SUMMARIES.consumers()).containsExactly("journal");
        assertThat(Topics.BELT_COMMANDS.retention()).isEqualTo(Duration.ofDays(1));
        assertThat(Topics.BELT_COMMANDS.consumers()).containsExactly("sensor-ingest");
        assertThat(Topics.ALERT_LIFECYCLE).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::partitions)
                .containsExactly("spinestream.alert-lifecycle.v1", "alertId", 6);
        assertThat(Topics.ALERT_LIFECYCLE.consumers()).isEmpty();
    }

    @Test
    void givenErasureTopics_whenInspected_thenEveryServiceReceivesRequestsAndTheJournalCollectsTheReceipts() {
        assertThat(Topics.ERASURE_REQUESTS).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::producer)
                .containsExactly("spinestream.erasure-requests.v1", "wearerId", "journal");
        // Compacted and never tombstoned: a service away for any time still finds every request.
        assertThat(Topics.ERASURE_REQUESTS.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topics.ERASURE_REQUESTS.consumers())
                .containsExactlyInAnyOrder("sensor-ingest", "form-analysis", "journal", "notification");
        assertThat(Topics.erasureParticipants()).isEqualTo(Topics.ERASURE_REQUESTS.consumers());

        assertThat(Topics.ERASURE_RECEIPTS).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::retention)
                .containsExactly("spinestream.erasure-receipts.v1", "erasureId", Duration.ofDays(30));
        assertThat(Topics.ERASURE_RECEIPTS.consumers()).containsExactly("journal");
        assertThat(Topics.ERASURE_RECEIPTS.producer().split(", "))
                .containsExactlyInAnyOrderElementsOf(Topics.erasureParticipants());
    }

    @Test
    void givenAuditTopic_whenInspected_thenEveryServiceWritesItByClinicAndTheJournalKeepsIt() {
        assertThat(Topics.AUDIT).extracting(TopicSpec::name, TopicSpec::key, TopicSpec::partitions, TopicSpec::retention)
                .containsExactly("spinestream.audit.v1", "clinicId", 12, Duration.ofDays(90));
        assertThat(Topics.AUDIT.producer().split(", "))
                .containsExactlyInAnyOrder("sensor-ingest", "form-analysis", "journal", "notification");
        assertThat(Topics.AUDIT.consumers()).containsExactly("journal");
        assertThat(EventType.ACCESS_RECORDED.topic()).isSameAs(Topics.AUDIT);
        assertThat(Topics.byName("spinestream.audit.v1")).containsSame(Topics.AUDIT);
    }

    @Test
    void givenShortRetention_whenBuildingConfig_thenSegmentsRollNoLaterThanRetention() {
        TopicSpec<String, String> hourly = new TopicSpec<>("t", String.class, String.class, "k", 1,
                CleanupPolicy.DELETE, Duration.ofHours(1), "p", List.of(), "d");

        assertThat(hourly.topicConfig()).containsEntry("segment.ms", "3600000");
    }

    @Test
    void givenName_whenLookedUp_thenRegisteredTopicFoundAndOthersNot() {
        assertThat(Topics.byName("spinestream.alerts.v1")).containsSame(Topics.ALERTS);
        assertThat(Topics.byName("spinestream.alerts.v2")).isEmpty();
    }

    @Test
    void givenInconsistentSpec_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> new TopicSpec<>("t", String.class, String.class, "k", 1,
                CleanupPolicy.COMPACT, Duration.ofDays(1), "p", List.of(), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no retention");
        assertThatThrownBy(() -> new TopicSpec<>("t", String.class, String.class, "k", 1,
                CleanupPolicy.DELETE, null, "p", List.of(), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive retention");
        assertThatThrownBy(() -> new TopicSpec<>("t", String.class, String.class, "k", 0,
                CleanupPolicy.DELETE, Duration.ofDays(1), "p", List.of(), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    }
}
