package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSupervisorTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private ServiceSupervisor supervisor;

    private Workspace ws() {
        return Workspace.at(root);
    }

    private ServiceSpec fake(String name, String mode, int port) {
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return new ServiceSpec(name, port,
                ws -> List.of(ServiceSpec.javaExecutable(), "-cp", classes.toString(), FakeService.class.getName(), mode,
                        Integer.toString(port)),
                ws -> classes);
    }

    private ServiceSupervisor supervisor(ServiceSpec... specs) {
        supervisor = new ServiceSupervisor(ws(), List.of(specs),
                (ws, spec) -> Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"), new PrintWriter(out, true));
        return supervisor;
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.stopAll(Duration.ofSeconds(5));
        }
    }

    @Test
    void givenAServiceThatBecomesReady_whenStartedAndAwaited_thenItRunsWithTheEnvironment_andStopLeavesNoProcess() throws Exception {
        int port = LocalInfraTest.freePorts(1)[0];
        ServiceSupervisor s = supervisor(fake("fake-ready", "ready", port));

        s.startAll(r -> { });
        s.awaitReady(Duration.ofSeconds(30));

        ServiceSupervisor.Running running = s.running().get(0);
        Path log = ws().logFile("fake-ready");
        String text = Files.readString(log);
        assertThat(text).contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092").contains("user.dir=" + root.toRealPath());
        assertThat(out.toString()).contains("fake-ready").contains("ready");
        Matcher m = Pattern.compile("child=(\\d+)").matcher(text);
        assertThat(m.find()).isTrue();
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow();

        s.stopAll(Duration.ofSeconds(10));

        assertThat(running.process().isAlive()).isFalse();
        assertThat(Processes.awaitExit(List.of(grandchild), Duration.ofSeconds(5))).as("the service's own child is gone").isTrue();
        assertThat(HealthProbe.portOpen("127.0.0.1", port)).isFalse();
    }

    @Test
    void givenAServiceThatExits_whenAwaited_thenTheFailureCarriesTheLast30LinesOfItsLog() throws Exception {
        ServiceSupervisor s = supervisor(fake("fake-dies", "die", LocalInfraTest.freePorts(1)[0]));
        s.startAll(r -> { });

        assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(ServiceSupervisor.StartupFailure.class)
                .hasMessageContaining("fake-dies exited with code 3")
                .hasMessageContaining("| line 40")
                .hasMessageContaining("| line 11")
                .hasMessageNotContaining("| line 10\n");
    }

    @Test
    void givenAServiceThatNeverGetsReady_whenTheTimeoutPasses_thenTheFailureNamesItAndItsState() throws Exception {
        ServiceSupervisor s = supervisor(fake("fake-down", "never", LocalInfraTest.freePorts(1)[0]));
        s.startAll(r -> { });

        assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(3)))
                .isInstanceOf(ServiceSupervisor.StartupFailure.class)
                .hasMessageContaining("not ready after 3 s: fake-down")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void givenAnUnbuiltService_whenArtifactsAreChecked_thenItIsReportedMissing() {
        ServiceSupervisor s = supervisor(ServiceSpec.quarkus("journal", 8083));

        assertThat(s.missingArtifacts()).extracting(ServiceSpec::name).containsExactly("journal");
    }
}
