package io.spinestream.e2e.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The receiver's verification against the Standard Webhooks specification's published example, so the
 * end-to-end scenarios' "signature verifies" cannot pass by a verifier that accepts anything.
 */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant SENT = Instant.ofEpochSecond(1614265330);

    @Test
    void givenTheSpecificationsExample_whenVerifiedAtItsTime_thenItIsAuthentic() {
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT)).isTrue();
    }

    @Test
    void givenOneOfTwoSignaturesMatches_whenVerified_thenItIsAuthentic() {
        String rotating = "v1,Zm9yZ2VkIHNpZ25hdHVyZSBvZiB0aGUgb2xkIHNlY3JldA== " + SIGNATURE;
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, rotating, BODY, SENT)).isTrue();
    }

    @Test
    void givenATamperedBodyIdOrSecret_whenVerified_thenItIsRefused() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE, tampered, SENT)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID + "x", TIMESTAMP, SIGNATURE, BODY, SENT)).isFalse();
        assertThat(WebhookSignature.verify("whsec_" + "A".repeat(32), ID, TIMESTAMP, SIGNATURE, BODY, SENT)).isFalse();
    }

    @Test
    void givenATimestampMoreThanFiveMinutesAway_whenVerified_thenItIsRefused_andAtFiveMinutesItIsNot() {
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(300))).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT.plusSeconds(301))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE, BODY, SENT.minusSeconds(301))).isFalse();
    }

    @Test
    void givenNoSignatureOfSchemeV1_whenVerified_thenItIsRefused() {
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, SIGNATURE.replace("v1,", "v2,"), BODY, SENT)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, null, BODY, SENT)).isFalse();
    }
}
