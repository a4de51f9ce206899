package io.spinestream.ingest.downlink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Delivery of belt commands to belts. */
@ConfigMapping(prefix = "spinestream.ingest.downlink")
public interface DownlinkConfig {

    /**
     * Expiry of a command that carries none: from its {@code issuedAt} (or its receipt). A late
     * vibration is worse than none, so an expired command is dropped, never delivered.
     */
    @WithDefault("5s")
    Duration commandExpiry();

    /**
     * How often an open command stream gets a comment line (keeping proxies from closing it) and
     * has its credential checked again, so a stream on another instance than the one that rotated
     * or retired the credential closes within this time. (No command is delivered on such a stream
     * meanwhile: every delivery checks the credential.)
     */
    @WithDefault("15s")
    Duration heartbeat();

    /** How long a command's row is kept after its expiry (long past any consumer lag), then deleted. */
    @WithDefault("1h")
    Duration keepAfterExpiry();

    /**
     * How far back the command consumer reads again whenever it is given partitions (start,
     * restart, rebalance), so that a command published while it had none is still delivered. Must
     * cover the longest a command lives after its publication (notification issues them for 5 s;
     * at least {@link #commandExpiry()}, checked at start) plus the clock skew between producer and
     * broker; larger only costs reading more commands that have expired. What is read again is not
     * delivered again: the pending-command table knows every command id until long after it expired.
     */
    @WithDefault("1m")
    Duration replayWindow();

    /**
     * How long finding the replay position of newly assigned partitions may take (two metadata
     * requests to the broker); past it the consumer reads those partitions from their beginning,
     * so that nothing live is skipped (what has expired is dropped without a database write).
     */
    @WithDefault("10s")
    Duration positionTimeout();
}
