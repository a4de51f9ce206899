package io.spinestream.ingest.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BeltStatusTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final BeltStatusTracker tracker = new BeltStatusTracker();

    @Test
    void givenBatchesInAnyOrder_whenDrained_thenLatestSeenHighestSeqAndLatestReadingsPerBelt() {
        tracker.accepted("SB-1", "c", T0, 5, 0.5f, "2.4.0");
        tracker.accepted("SB-1", "c", T0.plusSeconds(1), 4, 0.6f, null);
        tracker.seen("SB-1", "c", T0.plusSeconds(2));
        tracker.accepted("SB-2", "c", T0, 1, null, null);

        List<BeltStatusTracker.Observed> drained = tracker.drain();

        BeltStatusTracker.Observed one = drained.stream().filter(o -> o.beltId().equals("SB-1")).findFirst().orElseThrow();
        assertThat(drained).hasSize(2);
        assertThat(one.lastSeenAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(one.lastSeq()).isEqualTo(5L);
        assertThat(one.battery()).isEqualTo(0.6f);
        assertThat(one.firmware()).isEqualTo("2.4.0");
        assertThat(tracker.drain()).isEmpty();
    }

    @Test
    void givenFailedFlush_whenRestoredAlongsideNewerNews_thenNothingIsLostAndNewerReadingsWin() {
        tracker.accepted("SB-1", "c", T0, 7, 0.9f, "2.3.1");
        List<BeltStatusTracker.Observed> unwritten = tracker.drain();
        tracker.accepted("SB-1", "c", T0.plusSeconds(5), 8, 0.8f, null);

        tracker.restore(unwritten);

        BeltStatusTracker.Observed merged = tracker.drain().get(0);
        assertThat(merged.lastSeq()).isEqualTo(8L);
        assertThat(merged.lastSeenAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(merged.battery()).isEqualTo(0.8f);
        assertThat(merged.firmware()).isEqualTo("2.3.1");
    }
}
