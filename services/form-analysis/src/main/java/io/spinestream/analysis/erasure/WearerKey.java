package io.spinestream.analysis.erasure;

/** A wearer within their clinic: erasure is per clinic, so another clinic naming the same id is another wearer. */
public record WearerKey(String clinicId, String wearerId) {
}
