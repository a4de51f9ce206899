package io.spinestream.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./spinestream}: the command line of the local platform. Add a command by writing a class
 * like {@link TokenCommand} and listing it in {@code subcommands}.
 */
@Command(name = "spinestream",
        description = {"Runs the spinestream platform on this machine: Kafka, PostgreSQL, a",
                "MongoDB wire server and the four services, with a demo; simulates belts",
                "against it; analyses recordings offline.", ""},
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, TokenCommand.class,
                SimulateCommand.class, AnalyzeCommand.class, CommandLine.HelpCommand.class},
        footer = {"  build   Builds everything (./mvnw install -DskipTests); run by the script.",
                "  bench   Benchmarks the form analyzer core: bench [quick|full] (tools/bench,",
                "          run by the script; see docs/bench.md).",
                "", "State (data, keys, logs) lives in .spinestream/ at the repository root;",
                "delete it to start afresh. See docs/launcher.md."})
public class SpinestreamCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--root", hidden = true, description = "The repository root (default: -Dspinestream.root or the working directory).")
    Path root;

    public Workspace workspace() {
        return root != null ? Workspace.at(root) : Workspace.fromEnvironment();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine() {
        return new CommandLine(new SpinestreamCli()).setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("spinestream " + cmd.getCommandName() + ": " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                cmd.getErr().println("  caused by: " + c);
            }
            if (System.getenv("SPINESTREAM_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
