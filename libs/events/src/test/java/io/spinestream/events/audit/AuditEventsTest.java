package io.spinestream.events.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.AccessRecorded;
import io.spinestream.events.payload.AuditAction;
import io.spinestream.events.topic.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

    private static final Instant AT = Instant.parse("2026-11-21T07:02:11.250Z");

    private static AccessRecorded record(String id, String clinic, String service) {
        return new AccessRecorded(id, clinic, service, AT, "u-physio-3", "clinician", "w-42", AuditAction.READ,
                "pain_entry", "GET /v1/wearers/{wearerId}/pain-entries/{entryId}", "pe-981", null, 200,
                "10.0.4.17", "spinestream-app/2.1", "req-1");
    }

    @Test
    void givenRecord_whenBuiltAsEvent_thenKeyedByClinicFromTheAnsweringService() {
        AccessRecorded record = record(AuditEvents.newRecordId("journal"), "clinic-7", "journal");

        Event<AccessRecorded> event = AuditEvents.recorded(record);

        assertThat(event.type()).isEqualTo(EventType.ACCESS_RECORDED);
        assertThat(event.id()).isEqualTo(record.recordId());
        assertThat(event.subject()).isEqualTo("clinic-7");
        assertThat(event.clinicId()).isEqualTo("clinic-7");
        assertThat(event.source()).isEqualTo("/spinestream/journal");
        assertThat(event.type().topic()).isSameAs(Topics.AUDIT);
        assertThat(AuditEvents.record(CloudEventCodec.decode(CloudEventCodec.encode(event)))).contains(record);
    }

    @Test
    void givenTwoAccesses_whenIdsDrawn_thenTheyDiffer() {
        assertThat(AuditEvents.newRecordId("journal")).isNotEqualTo(AuditEvents.newRecordId("journal"));
    }

    @Test
    void givenAServiceThatProducesNoAuditRecords_whenBuilt_thenRejected() {
        assertThatThrownBy(() -> AuditEvents.recorded(record("id-1", "clinic-7", "billing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing");
    }

    @Test
    void givenEventWhosePayloadNamesAnotherClinic_whenRead_thenNotARecord() {
        AccessRecorded record = record("id-1", "clinic-7", "journal");
        Event<AccessRecorded> forged = Event.of(EventType.ACCESS_RECORDED, "id-1", "/spinestream/journal", "clinic-8",
                "clinic-8", AT, record);

        assertThat(AuditEvents.record(forged)).isEmpty();
        assertThat(AuditEvents.record(null)).isEmpty();
    }

    @Test
    void givenRecord_whenSerialised_thenActionLowercaseAndAbsentFieldsLeftOut() throws Exception {
        String json = EventJson.mapper().writeValueAsString(record("id-1", "clinic-7", "journal"));

        assertThat(json).contains("\"action\":\"read\"").doesNotContain("itemCount");
        assertThat(AuditAction.EXPORT.code()).isEqualTo("export");
        assertThat(AuditAction.EXPORT.isRead()).isTrue();
        assertThat(AuditAction.CREATE.isRead()).isFalse();
    }

    @Test
    void givenRecordMissingWhoOrAnImpossibleStatus_whenBuilt_thenRejectedNamingIt() {
        assertThatThrownBy(() -> new AccessRecorded("id", "c", "journal", AT, null, "clinician", null,
                AuditAction.READ, "wearer", "GET /v1/wearers", null, 1, 200, null, null, "r"))
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> new AccessRecorded("id", "c", "journal", AT, "u", "clinician", null,
                AuditAction.READ, "wearer", "GET /v1/wearers", null, 1, 42, null, null, "r"))
                .hasMessageContaining("status");
    }
}
