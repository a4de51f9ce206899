package io.spinestream.ingest.status;

import io.smallrye.mutiny.Uni;

import java.util.List;

/** Told about every flush (e.g. to raise battery alerts), after the registry was updated. */
public interface BeltStatusListener {

    Uni<Void> flushed(List<FlushedStatus> statuses);
}
