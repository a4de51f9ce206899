package io.spinestream.ingest.fleet;

/** Shapes of the ids the registry accepts. */
final class BeltIds {

    /** The telemetry contract's {@code beltId}. */
    static final String BELT_ID = "[A-Z0-9-]{3,32}";

    /** Wearer ids are the journal's; any short URL-safe token is accepted. */
    static final String WEARER_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    private BeltIds() {
    }
}
