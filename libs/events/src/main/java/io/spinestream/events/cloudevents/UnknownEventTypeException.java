package io.spinestream.events.cloudevents;

import org.apache.kafka.common.errors.SerializationException;

/** A CloudEvent whose {@code type} this version of the contract does not know. */
public class UnknownEventTypeException extends SerializationException {

    private final String type;

    public UnknownEventTypeException(String type, String id, String source) {
        super("Unknown CloudEvents type '" + type + "' (id " + id + ", source " + source
                + "): not an io.spinestream.events.EventType of this contract version");
        this.type = type;
    }

    /** The unknown {@code type} attribute. */
    public String type() {
        return type;
    }
}
