package io.spinestream.analysis.stream;

import io.spinestream.analysis.erasure.WearerKey;

import java.util.List;

/**
 * Erased wearers as the live analyzer sees them: from memory, never a database call on the haptic
 * path. Nothing of an erased wearer is analysed, kept in a belt's state or summarised.
 */
public interface ErasedWearerCheck {

    /** Whether this instance knows the wearer of the clinic as erased. */
    boolean erased(String clinicId, String wearerId);

    /** How many erased wearers this instance has learnt of so far (only grows). */
    int learntCount();

    /** The erased wearers learnt of after the first {@code index}, in the order they were learnt. */
    List<WearerKey> learntSince(int index);
}
