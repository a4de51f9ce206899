package io.spinestream.e2e.logscan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every token and secret the run issued or presented, kept for {@code LogScanIT}: what the token factory
 * signed, every bearer value the suite's HTTP client sent, and every belt credential and webhook signing
 * secret an API answered with. One ledger per run (the platform is started once per JVM).
 */
public final class IssuedSecrets {

    /** Shorter values are no secret anyone issued (e.g. the security suite's {@code not-a-jwt}). */
    static final int MIN_LENGTH = 20;

    private static final Map<String, SecretKind> SECRETS = new ConcurrentHashMap<>();

    private IssuedSecrets() {
    }

    /** Records a value the run issued or sent as a credential, classified by its form. */
    public static void record(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            SECRETS.putIfAbsent(value, SecretKind.of(value));
        }
    }


    /** Everything recorded so far, by kind. */
    public static Map<String, SecretKind> all() {
        return Map.copyOf(SECRETS);
    }

    /** How many secrets of each kind were recorded. */
    public static Map<SecretKind, Integer> counts() {
        Map<SecretKind, Integer> counts = new LinkedHashMap<>();
        for (SecretKind kind : SecretKind.values()) {
            counts.put(kind, 0);
        }
        SECRETS.values().forEach(k -> counts.merge(k, 1, Integer::sum));
        return counts;
    }

    /** The kinds of secret the suite handles, told apart by their published formats. */
    public enum SecretKind {
        /** A JWT (security.md): {@code header.payload.signature}. */
        ACCESS_TOKEN("access token (JWT)"),
        /** {@code ssb_<key id>.<secret>} (ingest.md). */
        BELT_CREDENTIAL("belt credential"),
        /** {@code whsec_<base64>} (webhooks.md). */
        WEBHOOK_SECRET("webhook signing secret"),
        /** Any other bearer value the suite sent. */
        OTHER_BEARER("bearer value");

        private final String label;

        SecretKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static SecretKind of(String value) {
            if (value.startsWith("ssb_")) {
                return BELT_CREDENTIAL;
            }
            if (value.startsWith("whsec_")) {
                return WEBHOOK_SECRET;
            }
            if (value.startsWith("eyJ") && value.chars().filter(c -> c == '.').count() == 2) {
                return ACCESS_TOKEN;
            }
            return OTHER_BEARER;
        }

        /**
         * The parts of a value that only that value contains: a JWT's payload and signature (its header is the
         * same for every token of the issuer), a belt credential's key id and secret, a webhook secret's key.
         */
        List<String> distinctiveParts(String value) {
            List<String> parts = new ArrayList<>();
            switch (this) {
                case ACCESS_TOKEN -> {
                    String[] segments = value.split("\\.", -1);
                    parts.add(segments[1]);
                    parts.add(segments[2]);
                }
                case BELT_CREDENTIAL -> parts.addAll(List.of(value.substring("ssb_".length()).split("\\.")));
                case WEBHOOK_SECRET -> parts.add(value.substring("whsec_".length()));
                case OTHER_BEARER -> parts.add(value);
            }
            parts.removeIf(String::isEmpty);
            return parts;
        }
    }
}
