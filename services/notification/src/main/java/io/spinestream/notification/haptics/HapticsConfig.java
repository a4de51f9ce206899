package io.spinestream.notification.haptics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How alerts become vibrations (form-analysis.md, "Haptic feedback"). */
@ConfigMapping(prefix = "spinestream.notification.haptics")
public interface HapticsConfig {

    /** At most one command per fault code per belt within this window. */
    @WithDefault("2s")
    Duration throttleWindow();

    /** A command's lifetime: the belt drops it after this, because late feedback is worse than none. */
    @WithDefault("5s")
    Duration commandTtl();

    /**
     * An alert that reaches the router longer than this after it was published (consumer lag, a
     * restart, a redelivery) does not vibrate: its command could only arrive too late.
     */
    @WithDefault("5s")
    Duration staleAfter();

    /** How long alert ids are remembered to drop a duplicate alert before it vibrates. */
    @WithDefault("10m")
    Duration dedupMemory();

    /** Upper bound of remembered alert ids, whatever their age. */
    @WithDefault("200000")
    int dedupCapacity();

    /**
     * How long reading the recent commands may take when this instance is assigned partitions
     * (rebuilding the throttle state); past it the router starts with what it read.
     */
    @WithDefault("10s")
    Duration stateLoadTimeout();
}
