package io.spinestream.ingest.downlink;

import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.HapticPattern;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CommandExpiryTest {

    private static final Instant ISSUED = Instant.parse("2026-11-20T10:15:30.610Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:15:30.700Z");
    private static final Duration DEFAULT = Duration.ofSeconds(5);

    @Test
    void givenCommandWithItsOwnExpiry_whenExpiryDecided_thenItsOwnWins() {
        Instant own = ISSUED.plusSeconds(2);

        assertThat(CommandExpiry.of(command(ISSUED, own), RECEIVED, DEFAULT)).isEqualTo(own);
    }

    @Test
    void givenCommandWithoutExpiry_whenExpiryDecided_thenTheDefaultAfterItWasIssued() {
        assertThat(CommandExpiry.of(command(ISSUED, null), RECEIVED, DEFAULT)).isEqualTo(ISSUED.plus(DEFAULT));
    }

    @Test
    void givenCommandWithoutExpiryOrIssueTime_whenExpiryDecided_thenTheDefaultAfterItWasReceived() {
        assertThat(CommandExpiry.of(command(null, null), RECEIVED, DEFAULT)).isEqualTo(RECEIVED.plus(DEFAULT));
    }

    private static BeltCommand command(Instant issuedAt, Instant expiresAt) {
        return new BeltCommand("cmd-1", "SB-1", "clinic-1", HapticPattern.ONE_SHORT, null, null, issuedAt, expiresAt);
    }
}
