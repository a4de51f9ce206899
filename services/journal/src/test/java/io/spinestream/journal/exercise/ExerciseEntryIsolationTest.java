package io.spinestream.journal.exercise;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.ClinicIsolationContract;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;

/** An exercise-log entry is served to its own clinic only; another clinic's is absent (404). */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ExerciseEntryIsolationTest extends ClinicIsolationContract {

    @Inject
    AgroalDataSource dataSource;

    private static String wearerOf(String entryId) {
        return "xw-" + entryId;
    }

    @Override
    protected void seed(String clinicId, String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var deleteWearer = connection.prepareStatement("DELETE FROM wearer WHERE id = ?");
             var wearer = connection.prepareStatement("INSERT INTO wearer (id, clinic_id, display_name, created_at)"
                     + " VALUES (?, ?, 'Pat Example', now())");
             var entry = connection.prepareStatement("INSERT INTO exercise_entry (id, clinic_id, wearer_id, source,"
                     + " activity, started_at, ended_at, volume_ms, recorded_by, created_at) VALUES (?, ?, ?, 'manual',"
                     + " 'walking', now() - interval '1 hour', now(), 1800000, 'test', now())")) {
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
        return "/v1/wearers/" + wearerOf(id) + "/exercise-entries/" + id;
    }

    @Override
    protected String readerRole() {
        return Roles.CLINICIAN;
    }
}
