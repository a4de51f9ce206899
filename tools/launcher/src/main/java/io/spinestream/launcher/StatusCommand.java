package io.spinestream.launcher;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "status",
        description = {"Shows what runs: pid, port and readiness of each part.", "",
                "Readiness is /q/health/ready for the services and an open port for the",
                "infrastructure. Exit code 0 when the launcher runs and every service is",
                "ready, 3 otherwise.", ""})
public class StatusCommand implements Callable<Integer> {

    @ParentCommand
    SpinestreamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        Workspace ws = parent.workspace();
        PrintWriter out = spec.commandLine().getOut();
        LauncherState state = LauncherState.read(ws.stateFile());
        Stopper stopper = new Stopper(ws, out);
        Optional<ProcessHandle> launcher = stopper.launcher();
        String host = LocalPlatform.HOST;
        HealthProbe probe = new HealthProbe();

        out.println(launcher.map(l -> "launcher          running, pid " + l.pid() + " (" + ws.home() + ")")
                .orElse("launcher          not running" + (state.isEmpty() ? "" : " (stale state in " + ws.stateFile() + ")")));
        String launcherPid = launcher.map(l -> Long.toString(l.pid())).orElse("-");

        out.println();
        out.printf("%-17s %-8s %-22s %s%n", "INFRASTRUCTURE", "PID", "ADDRESS", "STATE");
        Map<String, Integer> infra = new LinkedHashMap<>();
        infra.put("kafka", state.getInt("kafka.port", LocalPlatform.KAFKA_PORT));
        infra.put("kafka-controller", state.getInt("kafka.controller.port", LocalPlatform.KAFKA_CONTROLLER_PORT));
        infra.put("postgres", state.getInt("postgres.port", LocalPlatform.POSTGRES_PORT));
        infra.put("mongodb", state.getInt("mongo.port", LocalPlatform.MONGO_PORT));
        String postmasterPid = stopper.postmaster().map(p -> Long.toString(p.pid())).orElse("-");
        infra.forEach((name, port) -> out.printf("%-17s %-8s %-22s %s%n", name,
                name.equals("postgres") ? postmasterPid : launcherPid,
                host + ":" + port, HealthProbe.portOpen(host, port) ? "port open" : "port closed"));

        out.println();
        out.printf("%-17s %-8s %-22s %s%n", "SERVICE", "PID", "URL", "READINESS (/q/health/ready)");
        Map<String, Stopper.Recorded> alive = new LinkedHashMap<>();
        stopper.services().forEach(r -> alive.put(r.what(), r));
        boolean allReady = launcher.isPresent();
        for (ServiceSpec s : LocalPlatform.SERVICES) {
            int port = state.getInt("service." + s.name() + ".port", s.port());
            Stopper.Recorded r = alive.get(s.name());
            String url = "http://" + host + ":" + port;
            HealthProbe.Result ready = probe.ready(url + "/q/health/ready");
            allReady &= ready.ready();
            out.printf("%-17s %-8s %-22s %s%n", s.name(), r == null ? "-" : Long.toString(r.handle().pid()), url, ready.detail());
        }
        if (launcher.isEmpty() && (!alive.isEmpty() || !postmasterPid.equals("-"))) {
            out.println();
            out.println("Processes of a launcher that is gone are still running: ./spinestream down stops them.");
        }
        out.flush();
        return allReady ? 0 : 3;
    }
}
