package io.spinestream.notification.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** The time source of the service: the system clock (a seam for tests that must control time). */
public class Clocks {

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }
}
