package io.spinestream.notification.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/** A clock the test moves, for a dispatcher whose schedule must be checked without waiting. */
public final class MutableClock implements InstantSource {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Now, at the database's precision (microseconds), so times read back compare equal. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public MutableClock at(Instant instant) {
        this.now = instant;
        return this;
    }

    public MutableClock advance(Duration by) {
        this.now = now.plus(by);
        return this;
    }
}
