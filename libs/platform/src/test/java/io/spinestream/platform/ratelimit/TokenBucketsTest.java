package io.spinestream.platform.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(2, 3, 1000, clock::get);

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
    void givenOneKeyOverItsLimit_whenAnotherKeyTakes_thenTheOtherIsNotLimited() {
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("SB-1");
        }

        assertThat(buckets.tryTake("SB-1")).isPresent();
        assertThat(buckets.tryTake("SB-2")).isEmpty();
    }

    @Test
    void givenIdleAndBusyKeys_whenEvicted_thenOnlyFullBucketsAreForgottenAndLimitsStillHold() {
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

    @Test
    void givenBucketsThatFilledUp_whenAMinutePassesAndAnyKeyTakes_thenTheFullOnesAreForgottenWithoutBeingAsked() {
        for (int i = 0; i < 100; i++) {
            buckets.tryTake("SB-" + i);
        }
        assertThat(buckets.size()).isEqualTo(100);

        clock.addAndGet(TokenBuckets.SWEEP_EVERY.toNanos());
        buckets.tryTake("SB-NEW");

        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void givenAsManyBusyKeysAsTheBound_whenANewKeyComes_thenTheLongestIdleAreForgottenAndTheNewOneIsLimited() {
        TokenBuckets bounded = new TokenBuckets(1, 2, 10, clock::get);
        for (int i = 0; i < 10; i++) {
            bounded.tryTake("T-" + i);
            bounded.tryTake("T-" + i);
            clock.addAndGet(Duration.ofMillis(1).toNanos());
        }
        bounded.tryTake("T-9");

        bounded.tryTake("T-NEW");

        assertThat(bounded.size()).isLessThanOrEqualTo(10);
        // the busiest, most recent key kept its (empty) bucket; the first, longest idle, starts afresh
        assertThat(bounded.tryTake("T-9")).isPresent();
        assertThat(bounded.tryTake("T-0")).isEmpty();
        assertThat(bounded.tryTake("T-NEW")).isEmpty();
        assertThat(bounded.tryTake("T-NEW")).isPresent();
    }

    @Test
    void givenManyMoreKeysThanTheBound_whenEachTakesOnce_thenNoMoreThanTheBoundAreEverKept() {
        TokenBuckets bounded = new TokenBuckets(1, 5, 100, clock::get);
        int most = 0;
        for (int i = 0; i < 10_000; i++) {
            bounded.tryTake("K-" + i);
            most = Math.max(most, bounded.size());
        }

        assertThat(most).isLessThanOrEqualTo(100);
    }

    @Test
    void givenANonsensicalLimit_whenCreated_thenItIsRefused() {
        assertThatThrownBy(() -> new TokenBuckets(0, 3, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 3, 0, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(Double.NaN, 3, 10, clock::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
