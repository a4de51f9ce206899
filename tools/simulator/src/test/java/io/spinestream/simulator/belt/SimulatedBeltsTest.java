package io.spinestream.simulator.belt;

import static org.assertj.core.api.Assertions.assertThat;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.simulator.motion.Scenario;
import io.spinestream.simulator.run.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/**
 * Virtual belts against a stand-in for the platform's belt-facing API that runs the real analyzer
 * core ({@link StandInPlatform}): what a demanding fleet operator needs from the simulator —
 * batches delivered in order and exactly once despite 429s, 503s and re-sends, and every haptic
 * command traced back to the fault the belt injected.
 */
class SimulatedBeltsTest {

    private static final int BELTS = 3;

    private static Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        for (int i = 1; i <= BELTS; i++) {
            c.put("SIM-TEST-" + i, "ssb_test" + i + ".secret" + i);
        }
        return c;
    }

    private static Simulation.Result run(StandInPlatform platform, Map<String, String> credentials, boolean protobuf,
                                         double duplicateRate, Duration duration, List<String> log)
            throws InterruptedException {
        Simulation.Settings settings = new Simulation.Settings(platform.url(), Scenario.DEADLIFT, 50,
                Duration.ofMillis(250), duration, protobuf, 1.0, duplicateRate, 7, "test-1", Duration.ofSeconds(10));
        List<Simulation.BeltPlan> plans = new ArrayList<>();
        credentials.forEach((belt, credential) -> plans.add(new Simulation.BeltPlan(new BeltAccount(belt, credential),
                100, EffectiveLimits.DEFAULTS, new long[0])));
        return new Simulation(settings, plans, id -> Optional.empty(), log::add).run((snapshot, elapsed) -> {
        });
    }

    @Test
    void givenAnOverloadedPlatform_whenBeltsStream_thenEveryBatchArrivesOnceInOrderAndEveryFaultVibrates()
            throws Exception {
        Map<String, String> credentials = credentials();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (StandInPlatform platform = new StandInPlatform(credentials).throttleFirst(2).unavailableAt(12)) {

            Simulation.Result result = run(platform, credentials, false, 0.2, Duration.ofSeconds(24), log);

            BeltMetrics.Snapshot m = result.metrics();
            assertThat(m.errors()).containsKeys(BeltMetrics.RATE_LIMITED, BeltMetrics.UNAVAILABLE)
                    .doesNotContainKey(BeltMetrics.UNSENT_AT_STOP);
            for (String belt : credentials.keySet()) {
                List<Long> seqs = platform.seqs(belt);
                assertThat(seqs).as("%s: every batch once, in order, from its first seq", belt)
                        .isNotEmpty()
                        .containsExactlyElementsOf(LongStream.range(100, 100 + seqs.size()).boxed().toList());
            }
            assertThat(m.batchesAccepted()).isEqualTo(credentials.keySet().stream()
                    .mapToLong(b -> platform.seqs(b).size()).sum());
            assertThat(m.duplicatesSent()).as("re-sent batches").isPositive()
                    .isEqualTo(platform.duplicates());
            assertThat(m.duplicatesAcknowledged()).as("acknowledged with the first receipt").isEqualTo(m.duplicatesSent());

            assertThat(platform.faults()).as("the analyzer core raised faults").isNotEmpty();
            assertThat(m.injectedTotal()).isEqualTo(platform.faults().size());
            assertThat(m.matched()).isEqualTo(m.injected());
            assertThat(m.missing()).isEmpty();
            assertThat(m.unexpected()).isEmpty();
            assertThat(m.commandsOnStream()).isEqualTo(m.injectedTotal());
            assertThat(m.hapticLatency().getTotalCount()).as("a latency per command").isEqualTo(m.injectedTotal());
            assertThat(result.streamsUp()).isEqualTo(BELTS);
            assertThat(log).as("nothing went wrong worth saying").isEmpty();
        }
    }

    @Test
    void givenProtobufBeltsWithoutAStream_whenTheyStream_thenTheirCommandsComeWithTheUploadAnswers() throws Exception {
        Map<String, String> credentials = credentials();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (StandInPlatform platform = new StandInPlatform(credentials).withoutStreams()) {

            Simulation.Result result = run(platform, credentials, true, 0.0, Duration.ofSeconds(20), log);

            BeltMetrics.Snapshot m = result.metrics();
            assertThat(platform.protobufBatches()).isEqualTo(m.batchesAccepted()).isPositive();
            assertThat(platform.jsonBatches()).isZero();
            assertThat(result.streamsUp()).isZero();
            assertThat(m.errors()).containsKey(BeltMetrics.STREAM_REFUSED);
            assertThat(m.injectedTotal()).isPositive();
            assertThat(m.commandsPolled()).as("commands handed out with upload answers")
                    .isEqualTo(m.matchedTotal()).isEqualTo(m.injectedTotal());
        }
    }
}
