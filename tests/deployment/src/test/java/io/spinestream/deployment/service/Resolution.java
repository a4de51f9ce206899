package io.spinestream.deployment.service;

import java.util.Set;

/**
 * A property's value as a service would see it in a deployment.
 *
 * @param value    the value, expressions expanded (a Secret's value stands in as {@code <Secret ...>})
 * @param fromEnv  the deployment's environment variables the value was built from
 * @param complete false when an expression could not be resolved
 */
public record Resolution(String value, Set<EnvValue> fromEnv, boolean complete) {
}
