package io.spinestream.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "down",
        description = {"Stops a running launcher and everything it started.", "",
                "Sends SIGTERM to the launcher, which stops the services, Kafka, MongoDB",
                "and PostgreSQL, and waits for it. Also stops the service processes and",
                "the PostgreSQL postmaster that a killed launcher left behind.", ""})
public class DownCommand implements Callable<Integer> {

    @ParentCommand
    SpinestreamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "How long to wait for the launcher to stop (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        boolean allGone = new Stopper(parent.workspace(), spec.commandLine().getOut()).down(wait);
        spec.commandLine().getOut().flush();
        return allGone ? 0 : 1;
    }
}
