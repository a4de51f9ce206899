package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class CommandsTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpinestreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void givenNoArguments_whenRun_thenTheUsageListsTheCommands() {
        int code = run();

        assertThat(code).isZero();
        assertThat(out.toString()).contains("up", "down", "status", "token", "simulate", "analyze", "bench", "help");
    }

    @Test
    void givenUnbuiltServices_whenUp_thenItFailsTellingHowToBuild() {
        int code = run("up", "--no-demo");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("not built")
                .contains("services/sensor-ingest/target/quarkus-app/quarkus-run.jar")
                .contains("./mvnw -B install -DskipTests");
        assertThat(root.resolve(".spinestream/launcher.pid")).doesNotExist();
    }

    @Test
    void givenNothingRunning_whenDown_thenItSaysSo() {
        int code = run("down");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Nothing was running.");
    }

    @Test
    void givenALauncherKilledWithSigkill_whenDown_thenTheServiceProcessesItLeftAreStopped() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "600").start();
        Process deadLauncher = new ProcessBuilder("true").start();
        deadLauncher.waitFor();
        Workspace ws = Workspace.at(root);
        Files.createDirectories(ws.home());
        Files.writeString(ws.pidFile(), deadLauncher.pid() + "\n");
        new LauncherState().put("launcher.pid", deadLauncher.pid()).put("services", "journal")
                .put("service.journal.pid", leftover.pid())
                .put("service.journal.start", Stopper.startMillis(leftover.toHandle()))
                .put("service.journal.port", 8083)
                .write(ws.stateFile());

        int code = run("down");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("left behind").contains("journal (pid " + leftover.pid() + ")");
        assertThat(Processes.awaitExit(List.of(leftover.toHandle()), Duration.ofSeconds(5))).isTrue();
        assertThat(ws.pidFile()).doesNotExist();
        assertThat(ws.stateFile()).doesNotExist();
    }

    @Test
    void givenARecordedPidNowUsedByAnotherProgram_whenDown_thenThatProgramIsLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            Workspace ws = Workspace.at(root);
            new LauncherState().put("services", "journal").put("service.journal.pid", unrelated.pid())
                    .put("service.journal.start", Stopper.startMillis(unrelated.toHandle()) - 3_600_000)
                    .write(ws.stateFile());

            run("down");

            assertThat(unrelated.isAlive()).isTrue();
            assertThat(out.toString()).contains("Nothing was running.");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void givenNothingRunning_whenStatus_thenEverythingIsReportedDownWithExitCode3() {
        int code = run("status");

        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).contains("launcher          not running")
                .contains("sensor-ingest").contains("notification").contains("postgres");
    }

    @Test
    void givenAnUnknownScenario_whenSimulate_thenItIsAUsageErrorNamingTheScenarios() {
        int code = run("simulate", "--scenario", "yoga");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown scenario 'yoga'").contains("gym", "running", "office");
    }

    @Test
    void givenARateTooLowToResolveAFault_whenSimulate_thenItIsAUsageErrorSayingWhy() {
        int code = run("simulate", "--rate", "5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be 10–400 Hz");
    }

    @Test
    void givenMoreSamplesPerBatchThanABatchHolds_whenSimulate_thenItIsAUsageError() {
        int code = run("simulate", "--rate", "400", "--batch-interval", "10s");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("at most 2000 samples");
    }

    @Test
    void givenNoLocalPlatform_whenSimulate_thenItSaysToStartOneOrPassAToken() {
        int code = run("simulate", "--belts", "1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("./spinestream up").contains("--token");
    }

    @Test
    void givenAPlatformThatDoesNotAnswer_whenSimulate_thenItSaysSoAndExits1() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int code = run("simulate", "--belts", "1", "--token", "a.b.c", "--ingest-url", "http://127.0.0.1:" + port,
                "--journal-url", "http://127.0.0.1:" + port);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no answer").contains("Is the platform running?");
    }
}
