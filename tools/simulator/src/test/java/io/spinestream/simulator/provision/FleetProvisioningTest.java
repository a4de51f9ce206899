package io.spinestream.simulator.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spinestream.analysis.core.LimitResolver;
import io.spinestream.simulator.run.Fleet;
import io.spinestream.simulator.run.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting up a fleet against the registry and wearer APIs: idempotent, run after run. */
class FleetProvisioningTest {

    @TempDir
    Path dir;

    private StandInApis apis;
    private BeltStore store;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        apis = new StandInApis();
        store = new BeltStore(dir.resolve("belts.properties"), apis.url());
    }

    @AfterEach
    void stop() {
        apis.close();
    }

    private List<Fleet.Ready> prepare(int belts) {
        TokenSource tokens = role -> "token-" + role;
        BeltRegistry registry = new BeltRegistry(new AdminApi(apis.url(), tokens), store, log::add);
        WearerDirectory wearers = new WearerDirectory(new AdminApi(apis.url(), tokens), log::add);
        List<Fleet.Member> members = new ArrayList<>();
        for (int i = 1; i <= belts; i++) {
            String belt = "SIM-0000" + i;
            members.add(new Fleet.Member(belt, new WearerDirectory.Spec("sim." + belt, "Wearer " + i, 1980,
                    i == 1 ? List.of(LimitResolver.DISC_HERNIATION) : List.of())));
        }
        return Fleet.prepare(registry, wearers, store, members, "SB2", "1.0", log::add);
    }

    @Test
    void givenAnEmptyClinic_whenTheFleetIsPreparedTwice_thenTheSecondTimeChangesNothingAndReusesTheCredentials() {
        List<Fleet.Ready> first = prepare(5);
        List<Fleet.Ready> second = prepare(5);

        assertThat(apis.calls("bulk")).as("one bulk request provisions all five").isEqualTo(1);
        assertThat(apis.calls("enrol")).isEqualTo(5);
        assertThat(apis.calls("rotate")).isZero();
        assertThat(apis.calls("assign")).isZero();
        assertThat(apis.belts).hasSize(5);
        assertThat(second.stream().map(r -> r.plan().account().credential()).toList())
                .containsExactlyElementsOf(first.stream().map(r -> r.plan().account().credential()).toList());
        assertThat(second.stream().map(r -> r.wearer().id()).toList())
                .containsExactlyElementsOf(first.stream().map(r -> r.wearer().id()).toList());
        assertThat(apis.belts.get("SIM-00001").path("wearerId").asText()).isEqualTo(first.get(0).wearer().id());
        assertThat(first.get(0).plan().limits().flexionDeg()).as("the condition's tighter limit").isEqualTo(12.0);
        assertThat(first.get(1).plan().limits().flexionDeg()).isEqualTo(20.0);
    }

    @Test
    void givenARunBefore_whenTheFleetIsPreparedAgain_thenEachBeltGoesOnFromItsNextSeqAndKeepsItsRecentReps() {
        prepare(2);
        long rep = System.currentTimeMillis() - 60_000;
        Fleet.remember(store, new Simulation.Result(null, 2, 2, Duration.ZERO, false, Map.of(), List.of(
                new Simulation.BeltEnd("SIM-00001", 742, new long[] {rep}),
                new Simulation.BeltEnd("SIM-00002", 9, new long[0]))));

        List<Fleet.Ready> again = prepare(2);

        assertThat(again.get(0).plan().firstSeq()).isEqualTo(742);
        assertThat(again.get(1).plan().firstSeq()).isEqualTo(9);
        assertThat(again.get(0).plan().earlierRepsMs()).containsExactly(rep);
    }

    @Test
    void givenTheKeptCredentialsAreLost_whenPrepared_thenTheExistingBeltsGetRotatedCredentialsOnce() throws Exception {
        prepare(3);
        Files.delete(store.file());
        apis.belts.get("SIM-00001").put("lastSeq", 41);

        List<Fleet.Ready> again = prepare(3);
        prepare(3);

        assertThat(apis.calls("rotate")).isEqualTo(3);
        assertThat(apis.calls("bulk")).isEqualTo(1);
        assertThat(again.get(0).plan().firstSeq()).as("no seq kept: above what the registry may not show yet")
                .isEqualTo(41 + 1 + BeltRegistry.SEQ_MARGIN);
        assertThat(log).anyMatch(l -> l.contains("rotated the credentials of 3"));
    }

    @Test
    void givenABeltReassignedElsewhere_whenPrepared_thenItIsAssignedBackToItsWearer() {
        List<Fleet.Ready> first = prepare(2);
        apis.belts.get("SIM-00002").put("wearerId", "w-someone-else");

        prepare(2);

        assertThat(apis.calls("assign")).isEqualTo(1);
        assertThat(apis.belts.get("SIM-00002").path("wearerId").asText()).isEqualTo(first.get(1).wearer().id());
    }

    @Test
    void givenAJournalThatTakesWearerIdsFromTheClient_whenWearersAreEnrolled_thenTheirReferenceBecomesTheirId() {
        apis.clientWearerIds = true;

        List<Fleet.Ready> ready = prepare(2);
        prepare(2);

        assertThat(ready.stream().map(r -> r.wearer().id()).toList()).containsExactly("sim.SIM-00001", "sim.SIM-00002");
        assertThat(apis.calls("enrol")).as("one refused attempt and one enrolment each, once").isEqualTo(4);
    }

    @Test
    void givenBeltIdsTakenByAnotherClinic_whenPrepared_thenItFailsNamingTheWayOut() {
        apis.othersBelts.add("SIM-00002");

        assertThatThrownBy(() -> prepare(2)).isInstanceOf(ApiException.class)
                .hasMessageContaining("409").hasMessageContaining("--belt-prefix");
        assertThat(apis.belts).as("all or nothing").isEmpty();
    }
}
