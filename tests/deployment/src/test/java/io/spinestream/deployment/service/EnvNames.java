package io.spinestream.deployment.service;

import java.util.Locale;

/**
 * The environment variable names under which MicroProfile Config (SmallRye) finds a property: the
 * exact name, the name with every character other than a letter or digit replaced by {@code _},
 * and that in upper case ({@code quarkus.log.category."org.acme".level} →
 * {@code QUARKUS_LOG_CATEGORY__ORG_ACME__LEVEL}).
 */
public final class EnvNames {

    private EnvNames() {
    }

    /** The canonical (upper-case) environment variable name of a property. */
    public static String of(String property) {
        return sanitized(property).toUpperCase(Locale.ROOT);
    }

    /** Whether an environment variable of that name is read as that property. */
    public static boolean matches(String env, String property) {
        return env.equals(property) || env.equals(sanitized(property)) || env.equals(of(property));
    }

    private static String sanitized(String property) {
        StringBuilder b = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return b.toString();
    }
}
