package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.ErasureCompleted;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts a participant's receipt on the erasure-receipts topic, keyed by its subject (the erasure id).
 * The Uni completes once the receipt is safely on its way: acknowledged by Kafka, or committed to the
 * service's transactional outbox.
 */
@FunctionalInterface
public interface ReceiptSender {

    Uni<Void> send(Event<ErasureCompleted> receipt);

    /**
     * Sends straight to Kafka through an emitter of a channel mapped to {@code Topics.ERASURE_RECEIPTS}
     * (value serializer {@code EventSerializer}); completes when the broker acknowledged the record.
     */
    static ReceiptSender kafka(MutinyEmitter<Event<?>> emitter) {
        return receipt -> emitter.sendMessage(Message.<Event<?>>of(receipt).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(receipt.subject()).build()));
    }
}
