package io.spinestream.journal.pain;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;

/** A pain entry is served to its own clinic only; another clinic's is absent (404). */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class PainEntryIsolationTest extends ClinicIsolationContract {

    @Inject
    AgroalDataSource dataSource;

    private static String wearerOf(String entryId) {
        return "pw-" + entryId;
    }

    @Override
    protected void seed(String clinicId, String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var deleteWearer = connection.prepareStatement("DELETE FROM wearer WHERE id = ?");
             var wearer = connection.prepareStatement("INSERT INTO wearer (id, clinic_id, display_name, created_at)"
                     + " VALUES (?, ?, 'Pat Example', now())");
             var entry = connection.prepareStatement("INSERT INTO pain_entry (id, clinic_id, wearer_id, recorded_at,"
                     + " locations, qualities, intensity, recorded_by, created_at) VALUES (?, ?, ?, now(),"
                     + " '{lower_back_central}', '{aching}', 4, 'test', now())")) {
            deleteWearer.setString(1, wearerOf(id));
            deleteWearer.executeUpdate();
            wearer.setString(1, wearerOf(id));
            wearer.setString(2, clinicId);
            wearer.executeUpdate();
            entry.setString(1, id);
            entry.setString(2, clinicId);
            entry.setString(3, wearerOf(id));
            entry.executeUpdate();
        }
    }

    @Override
    protected String pathOf(String id) {
        return "/v1/wearers/" + wearerOf(id) + "/pain-entries/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }
}
