package io.spinestream.notification.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deliveries claimed by this instance in the very transaction that creates them, so that once it
 * commits their attempts start at once, with no pass over the queue in between. A claimed delivery
 * is stored with this instance's lease, as a pass would have claimed it: should the instance die
 * before attempting it, another claims it when the lease ends. One handoff per transaction
 * attempt; discarded if that transaction rolls back.
 */
public final class DeliveryHandoff {

    private final int capacity;
    private final Instant leaseUntil;
    private final EndpointSecrets secrets;
    private final List<DeliveryWorker.Claim> claims = new ArrayList<>();
    private int left;
    private boolean digested;

    DeliveryHandoff(int capacity, Instant leaseUntil, EndpointSecrets secrets) {
        this.capacity = capacity;
        this.leaseUntil = leaseUntil;
        this.secrets = secrets;
    }

    /** A handoff that claims nothing: every new delivery waits for a pass over the queue. */
    public static DeliveryHandoff none() {
        return new DeliveryHandoff(0, null, null);
    }

    /**
     * Claims the new delivery (not yet stored) for this instance if there is room; otherwise it
     * stays for the next pass.
     */
    void offer(WebhookDelivery delivery, WebhookEndpoint endpoint, Instant now) {
        if (claims.size() >= capacity) {
            left++;
            return;
        }
        String token = UUID.randomUUID().toString();
        delivery.leaseOwner = token;
        delivery.leaseUntil = leaseUntil;
        List<String> signing;
        try {
            signing = secrets.signingSecrets(endpoint, now);
        } catch (SecretCipher.UnreadableSecretException e) {
            // The attempt then fails as a pass's would, and is recorded and retried the same way.
            signing = null;
        }
        claims.add(new DeliveryWorker.Claim(delivery.id, endpoint.id, token, delivery.webhookId, delivery.body,
                endpoint.url, endpoint.enabled, signing));
    }

    /** A digest item was stored: a pass seals its digest if it is full. */
    void digestItemAdded() {
        digested = true;
    }

    List<DeliveryWorker.Claim> claims() {
        return claims;
    }

    /** Whether anything new was left to the queue's next pass: deliveries beyond capacity, digest items. */
    boolean leftSome() {
        return left > 0 || digested;
    }
}
