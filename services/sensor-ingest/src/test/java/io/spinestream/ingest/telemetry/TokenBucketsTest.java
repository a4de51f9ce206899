package io.spinestream.ingest.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(2, 3, clock::get);

    @Test
    void givenFullBucket_whenBurstIsSpent_thenTheNextRequestWaitsForOneRefill() {
        assertThat(buckets.tryTake("SB-1")).isEmpty();
        assertThat(buckets.tryTake("SB-1")).isEmpty();
        assertThat(buckets.tryTake("SB-1")).isEmpty();

        assertThat(buckets.tryTake("SB-1")).contains(Duration.ofMillis(500));
    }

    @Test
    void givenEmptyBucket_whenTimePasses_thenTokensComeBackAtTheRateUpToTheBurst() {
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("SB-1");
        }
        clock.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(buckets.tryTake("SB-1")).contains(Duration.ofMillis(250));

        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(buckets.tryTake("SB-1")).isEmpty();
        assertThat(buckets.tryTake("SB-1")).isEmpty();
        assertThat(buckets.tryTake("SB-1")).isEmpty();
        assertThat(buckets.tryTake("SB-1")).isPresent();
    }

    @Test
    void givenOneBeltOverItsLimit_whenAnotherBeltSends_thenTheOtherIsNotLimited() {
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("SB-1");
        }

        assertThat(buckets.tryTake("SB-1")).isPresent();
        assertThat(buckets.tryTake("SB-2")).isEmpty();
    }

    @Test
    void givenIdleAndBusyBelts_whenEvicted_thenOnlyFullBucketsAreForgottenAndLimitsStillHold() {
        buckets.tryTake("SB-IDLE");
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("SB-BUSY");
        }
        clock.addAndGet(Duration.ofMillis(600).toNanos());

        assertThat(buckets.evictFull()).isEqualTo(1);
        assertThat(buckets.size()).isEqualTo(1);
        assertThat(buckets.tryTake("SB-BUSY")).isEmpty();
        assertThat(buckets.tryTake("SB-BUSY")).isPresent();
    }
}
