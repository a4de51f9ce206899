package io.spinestream.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "token", sortOptions = false,
        description = {"Prints an access token (JWT) for calling the services.", "",
                "Signed (RS256) with .spinestream/keys/jwt-private.pem; the services verify",
                "it with jwt-public.pem. The key pair is generated if missing. Example:",
                "  TOKEN=$(./spinestream token --role clinician --clinic c1)",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8083/...", ""})
public class TokenCommand implements Callable<Integer> {

    @ParentCommand
    SpinestreamCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "One of: admin, clinic_admin, clinician, wearer, integrator (the token's groups).")
    String role;

    @Option(names = "--clinic", required = true, paramLabel = "ID", description = "The clinic (tenant) id: claim 'clinic'.")
    String clinic;

    @Option(names = "--subject", paramLabel = "ID", description = "sub and upn (default: local-<role>).")
    String subject;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "8h", converter = Durations.class,
            description = "Lifetime, e.g. 30m, 8h, 2d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (!LocalPlatform.ROLES.contains(role)) {
            throw new ParameterException(spec.commandLine(),
                    "Unknown role '" + role + "'. Use one of: " + String.join(", ", LocalPlatform.ROLES));
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--ttl must be positive");
        }
        Workspace ws = parent.workspace();
        JwtKeys keys = JwtKeys.of(ws);
        if (keys.ensure()) {
            spec.commandLine().getErr().println("spinestream: generated a JWT key pair in " + ws.keysDir()
                    + " (running services read the public key at start: restart them to use it)");
        }
        String token = new TokenIssuer(keys, LocalPlatform.JWT_ISSUER).issue(role, clinic, subject, ttl, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }
}
