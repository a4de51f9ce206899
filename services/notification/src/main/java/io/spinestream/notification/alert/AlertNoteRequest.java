package io.spinestream.notification.alert;

import jakarta.validation.constraints.Size;

/** Body of acknowledge and resolve; the body and the note are optional. */
public record AlertNoteRequest(@Size(max = 2000) String note) {
}
