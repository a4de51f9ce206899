package io.spinestream.notification.webhook;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final List<Duration> PAUSES = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(2));

    @Test
    void givenASchedule_whenAttemptsFail_thenEachPauseIsTheConfiguredOneWithinTheJitter() {
        RetrySchedule schedule = new RetrySchedule(PAUSES, 0.2, Duration.ofDays(1), new Random(42));

        for (int round = 0; round < 100; round++) {
            assertThat(schedule.pauseAfter(1, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(schedule.pauseAfter(2, null)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
            assertThat(schedule.pauseAfter(3, null)).isBetween(Duration.ofMinutes(96), Duration.ofMinutes(144));
        }
    }

    @Test
    void givenThreePauses_thenFourAttemptsAreMadeBeforeTheDeadLetter() {
        RetrySchedule schedule = new RetrySchedule(PAUSES, 0.2, Duration.ofDays(1), new Random(1));

        assertThat(schedule.maxAttempts()).isEqualTo(4);
        assertThat(schedule.exhausted(3)).isFalse();
        assertThat(schedule.exhausted(4)).isTrue();
    }

    @Test
    void givenTheDefaultSchedule_thenItSpansAboutThreeDays() {
        // The mapping's own defaults, without any properties file.
        WebhookConfig defaults = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(WebhookConfig.class)
                .build()
                .getConfigMapping(WebhookConfig.class);

        Duration total = defaults.retry().schedule().stream().reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isBetween(Duration.ofHours(66), Duration.ofHours(78));
        assertThat(defaults.retry().jitter()).isPositive();
    }

    @Test
    void givenARetryAfterLongerThanThePause_thenItIsHonouredButCappedAndAShorterOneDoesNotShortenThePause() {
        RetrySchedule schedule = new RetrySchedule(PAUSES, 0.2, Duration.ofHours(1), new Random(7));

        assertThat(schedule.pauseAfter(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(schedule.pauseAfter(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.pauseAfter(2, Duration.ofSeconds(1))).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void givenRetryAfterHeaders_whenParsed_thenSecondsAndHttpDatesAreUnderstood() {
        Instant now = Instant.parse("2026-11-20T10:15:30Z");

        assertThat(RetrySchedule.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetrySchedule.parseRetryAfter("Fri, 20 Nov 2026 10:17:30 GMT", now)).contains(Duration.ofMinutes(2));
        assertThat(RetrySchedule.parseRetryAfter("Fri, 20 Nov 2026 10:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetrySchedule.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter("-5", now)).isEmpty();
        assertThat(RetrySchedule.parseRetryAfter(null, now)).isEmpty();
    }
}
