package io.spinestream.deployment.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of the environment a deployment (Kubernetes or Compose) gives a service, against the
 * service's configuration. Each returns the problems found, empty when there are none.
 */
public final class EnvironmentChecks {

    private static final Pattern RUN_JAVA_BASE = Pattern.compile(".*/ubi\\d*(-minimal)?/openjdk-\\d+(-runtime)?(:.*)?");

    private EnvironmentChecks() {
    }

    /**
     * Every variable sets something the service reads (by the MicroProfile Config naming rules), and
     * none sets a property that is fixed when the image is built (it would be ignored, or refuse to
     * start).
     */
    public static List<String> names(ServiceConfig service, Map<String, EnvValue> env, String where) {
        List<String> problems = new ArrayList<>();
        for (String name : env.keySet()) {
            if (ServiceConfig.IMAGE_LAUNCHER_VARIABLES.contains(name)) {
                if (!imageHasRunJava(service)) {
                    problems.add(where + ": " + name + " is read by run-java.sh of the UBI OpenJDK base image, which"
                            + " quarkus.jib.base-jvm-image no longer is");
                }
                continue;
            }
            List<ServiceConfig.PropertyMatch> matches = service.propertiesForEnv(name);
            if (matches.isEmpty()) {
                problems.add(where + ": " + name + " is not a property " + service.name() + " reads (by the MicroProfile"
                        + " Config rules for environment variables)");
            }
            for (ServiceConfig.PropertyMatch m : matches) {
                if (m.phase().isPresent() && m.phase().get().fixedAtBuild()) {
                    problems.add(where + ": " + name + " sets " + m.property() + ", which " + m.readBy()
                            + " fixes at build time (" + m.phase().get() + "): it cannot be changed in a deployment");
                }
            }
        }
        return problems;
    }

    /**
     * Everything the service needs in production is provided: no property it reads resolves to a
     * value that only works on a developer's machine (127.0.0.1, a path under .spinestream/), every
     * expression resolves, and credentials (properties named *password*, or *.encryption-key(s)*, also those
     * of a {@code @ConfigMapping} without a default) come from the deployment,
     * by one of {@code credentialSources}, never from the development defaults.
     */
    public static List<String> required(ServiceConfig service, Map<String, EnvValue> env, String where,
                                        Set<EnvValue.Source> credentialSources) {
        List<String> problems = new ArrayList<>();
        for (String property : service.neededProperties()) {
            Resolution r = service.resolve(property, env);
            if (!r.complete()) {
                problems.add(where + ": " + property + " does not resolve (" + r.value() + "): provide "
                        + EnvNames.of(property) + " or what its expression names");
            } else if (ServiceConfig.isLocal(r.value())) {
                problems.add(where + ": " + property + " resolves to '" + r.value() + "', a local development default;"
                        + " provide " + EnvNames.of(property) + " or what its expression names");
            }
            if (isCredential(property)) {
                if (r.fromEnv().isEmpty()) {
                    problems.add(where + ": credential " + property + " is left at the development default of the"
                            + " configuration; provide it (" + EnvNames.of(property) + " or what its expression names)");
                }
                for (EnvValue e : r.fromEnv()) {
                    if (!credentialSources.contains(e.source())) {
                        problems.add(where + ": credential " + property + " comes from " + e.name() + " (" + e.origin()
                                + "); it must come from " + credentialSources);
                    }
                }
            }
        }
        for (EnvValue e : env.values()) {
            boolean setsCredential = service.propertiesForEnv(e.name()).stream().anyMatch(m -> isCredential(m.property()));
            if (setsCredential && !credentialSources.contains(e.source())) {
                problems.add(where + ": " + e.name() + " is a credential from " + e.origin() + "; it must come from "
                        + credentialSources);
            }
        }
        return problems;
    }

    /** Passwords, and keys a service encrypts stored data with (which a service may not start without). */
    static boolean isCredential(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        String last = p.substring(p.lastIndexOf('.') + 1);
        return p.contains("password") || last.equals("encryption-key") || last.equals("encryption-keys");
    }

    /** Whether the image starts with run-java.sh (Quarkus' default UBI OpenJDK base image). */
    public static boolean imageHasRunJava(ServiceConfig service) {
        return service.property("quarkus.jib.base-jvm-image").map(b -> RUN_JAVA_BASE.matcher(b).matches()).orElse(true);
    }
}
