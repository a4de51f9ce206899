package io.spinestream.analysis.archive;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;

/**
 * One archived telemetry batch as kept in MongoDB. The batch itself is its Protobuf bytes (exact
 * floats, ~1.6 KB for a second at 50 Hz); the fields beside it are what the queries select and
 * sort on. The id {@code beltId/seq} makes the archive idempotent: a batch delivered twice is one
 * document.
 */
public final class ArchivedBatch {

    static final String BELT = "beltId";
    static final String SEQ = "seq";
    static final String CLINIC = "clinicId";
    static final String WEARER = "wearerId";
    static final String STARTED_AT = "startedAt";
    static final String RECEIVED_AT = "receivedAt";
    static final String OFFSET = "offset";
    static final String BATCH = "batch";

    private ArchivedBatch() {
    }

    static String id(String beltId, long seq) {
        return beltId + "/" + seq;
    }

    /**
     * The document of an ingested batch read at {@code offset}; {@code recordTimestamp} stands in for
     * the receipt time when ingest left it out.
     */
    static Document toDocument(IngestedBatch ingested, long offset, long recordTimestamp) {
        TelemetryBatch batch = ingested.getBatch();
        long received = ingested.getReceivedAtMs() > 0 ? ingested.getReceivedAtMs() : recordTimestamp;
        Document doc = new Document("_id", id(batch.getBeltId(), batch.getSeq()))
                .append(BELT, batch.getBeltId())
                .append(SEQ, batch.getSeq())
                .append(CLINIC, ingested.getClinicId())
                .append(STARTED_AT, new Date(batch.getStartedAtMs()))
                .append(RECEIVED_AT, new Date(received))
                .append(OFFSET, offset)
                .append("activity", batch.getActivity().isEmpty() ? "unknown" : batch.getActivity())
                .append("rateHz", batch.getRateHz())
                .append("samples", batch.getChannels().getTrunkPitchCount())
                .append(BATCH, new Binary(batch.toByteArray()));
        if (!ingested.getWearerId().isEmpty()) {
            doc.append(WEARER, ingested.getWearerId());
        }
        return doc;
    }

    /** The telemetry batch of an archived document. */
    public static TelemetryBatch batch(Document doc) {
        try {
            return TelemetryBatch.parseFrom(doc.get(BATCH, Binary.class).getData());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("archived batch " + doc.getString("_id") + " is not a TelemetryBatch", e);
        }
    }

    /** The ingested batch of an archived document: batch, clinic, wearer and receipt time. */
    public static IngestedBatch ingested(Document doc) {
        String wearer = doc.getString(WEARER);
        return IngestedBatch.newBuilder().setBatch(batch(doc)).setClinicId(doc.getString(CLINIC))
                .setWearerId(wearer == null ? "" : wearer)
                .setReceivedAtMs(doc.getDate(RECEIVED_AT).getTime()).build();
    }

    static Instant startedAt(Document doc) {
        return doc.getDate(STARTED_AT).toInstant();
    }
}
