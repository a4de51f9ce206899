package io.spinestream.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How accesses to health data are recorded in the audit trail (docs/audit.md). */
@ConfigMapping(prefix = "spinestream.audit")
public interface AuditConfig {

    /**
     * How long an answer waits for Kafka to acknowledge its audit record. A read that is not acknowledged
     * in time answers 503 (its data is not sent); a write keeps its answer and is counted as unrecorded.
     * Kept well under clients' timeouts.
     */
    @WithDefault("5s")
    Duration ackTimeout();

    /**
     * How many reverse proxies in front of the service append to {@code X-Forwarded-For}. 0 (the default)
     * ignores the header and records the connection's peer, as anyone can send the header; n records the
     * n-th address from the right, the one the outermost trusted proxy saw.
     */
    @WithDefault("0")
    int trustedProxies();
}
