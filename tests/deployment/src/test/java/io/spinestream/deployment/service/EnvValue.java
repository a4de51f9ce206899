package io.spinestream.deployment.service;

import java.util.Optional;

/**
 * An environment variable a deployment gives a service: its value where the deployment's files
 * know it, and where it comes from.
 *
 * @param origin for humans: "value", "ConfigMap spinestream-platform/KAFKA_BOOTSTRAP_SERVERS", ...
 */
public record EnvValue(String name, Optional<String> value, Source source, String origin) {

    public enum Source {
        /** Written in the manifest or compose file. */
        LITERAL,
        /** From a ConfigMap of the rendered manifests (value known). */
        CONFIG_MAP,
        /** From a Secret (value unknown, provided by the operator). */
        SECRET,
        /** From the Compose file's variable interpolation ({@code ${VAR:-default}}). */
        INTERPOLATED
    }

    public static EnvValue literal(String name, String value) {
        return new EnvValue(name, Optional.of(value), Source.LITERAL, "value");
    }

    /** The value, or a stand-in naming the Secret when the value is the operator's. */
    public String valueOrStandIn() {
        return value.orElse("<" + origin + ">");
    }
}
