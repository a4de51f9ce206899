package io.spinestream.analysis.stream;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.spinestream.analysis.core.AnalysisEvent;
import io.spinestream.analysis.core.BeltAnalyzer;
import io.spinestream.analysis.core.BatchContext;
import io.spinestream.analysis.core.PayloadMapper;
import io.spinestream.analysis.core.RecordingGenerator;
import io.spinestream.analysis.core.RecordingGenerator.Pose;
import io.spinestream.analysis.testkit.Belts;
import io.spinestream.analysis.testkit.EventTopicReader;
import io.spinestream.analysis.testkit.TelemetrySender;
import io.spinestream.events.payload.SessionSummary;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle punctuator, with the 2-minute timeout shortened so the test does not wait for it. */
@QuarkusTest
@TestProfile(IdleSessionTest.ShortIdleTimeout.class)
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class IdleSessionTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("spinestream.analysis.stream.idle-timeout", "3s",
                    "spinestream.analysis.stream.idle-check-interval", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void givenBeltThatStopsSending_whenIdleTimeoutPasses_thenItsSessionIsSummarisedWithoutFurtherData() {
        String belt = Belts.unique("IDLE");
        List<IngestedBatch> batches = Belts.ingested(RecordingGenerator.belt(belt).rateHz(50).batchSize(25)
                .startAt(Instant.now().minusSeconds(120))
                .activity("squat").hold(Duration.ofSeconds(1), Pose.NEUTRAL)
                .reps(3, Duration.ofSeconds(2), Pose.hinge(50), Duration.ofMillis(500)).batches(), "clinic-idle", null);
        List<AnalysisEvent> expected = new ArrayList<>();
        BeltAnalyzer analyzer = new BeltAnalyzer(belt);
        batches.forEach(b -> analyzer.analyze(b.getBatch(), BatchContext.of("clinic-idle", null, null), expected::add));
        analyzer.closeSession(expected::add);

        try (TelemetrySender sender = new TelemetrySender(bootstrap);
             EventTopicReader summaries = new EventTopicReader(bootstrap, Topics.SESSION_SUMMARIES.name(), belt)) {
            sender.sendAll(batches);
            summaries.until(read -> !read.isEmpty(), Duration.ofSeconds(90));

            SessionSummary summary = summaries.events().get(0).dataAs(SessionSummary.class);
            assertThat(summary).isEqualTo(PayloadMapper.toSessionSummary(expected.get(expected.size() - 1)));
            assertThat(summary.reps()).isEqualTo(3);
        }
    }
}
