package io.spinestream.simulator.belt;

import java.util.Objects;

/**
 * A belt the simulator drives: its id and its credential (docs/ingest.md, "Belt credentials").
 * {@link #toString()} never shows the credential.
 */
public record BeltAccount(String beltId, String credential) {

    public BeltAccount {
        Objects.requireNonNull(beltId, "beltId");
        Objects.requireNonNull(credential, "credential");
    }

    @Override
    public String toString() {
        return "BeltAccount[" + beltId + "]";
    }
}
