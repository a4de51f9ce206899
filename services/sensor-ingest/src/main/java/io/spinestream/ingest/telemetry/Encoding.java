package io.spinestream.ingest.telemetry;

import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.TelemetryParseResult;
import io.spinestream.events.telemetry.TelemetryProtobuf;

/** The two encodings of a telemetry batch, chosen by the request's {@code Content-Type}. */
public enum Encoding {
    JSON("application/json"),
    PROTOBUF("application/x-protobuf");

    private final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The metric tag value. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    TelemetryParseResult parse(byte[] body) {
        return this == JSON ? TelemetryJson.parse(body) : TelemetryProtobuf.parse(body);
    }
}
