package io.spinestream.e2e.logscan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what must never be in a log, line by line, and tells only where and what kind it was: a hit names
 * the log, the line number and the kind ("access token (JWT)", "health: pain note"), never the text, so a
 * failure report does not spread the secret it found.
 *
 * <p>Secrets are found by their distinctive parts: every {@value #WINDOW}-character window of them, so a
 * token cut short, wrapped in quotes or run into other text is found as well as a whole one. Health data
 * and telemetry are found by canary values unique to the run and by patterns of their recognisable form.
 */
public final class LeakScanner {

    /** Long enough never to occur by chance in a log, short enough to catch a token cut in half. */
    public static final int WINDOW = 16;

    /** One finding: where, and what kind of thing. */
    public record Hit(String source, int line, String kind) {
        @Override
        public String toString() {
            return source + ":" + line + "  " + kind;
        }
    }

    private record Rule(String kind, Pattern pattern) {
    }

    private final Map<String, String> windows;
    private final List<Rule> rules;

    private LeakScanner(Map<String, String> windows, List<Rule> rules) {
        this.windows = Map.copyOf(windows);
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hits in {@code lines} of {@code source}; at most one per kind and line. */
    public List<Hit> scan(String source, List<String> lines) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Set<String> kinds = new LinkedHashSet<>();
            for (int at = 0; at + WINDOW <= line.length(); at++) {
                String kind = windows.get(line.substring(at, at + WINDOW));
                if (kind != null) {
                    kinds.add(kind);
                }
            }
            for (Rule rule : rules) {
                if (rule.pattern().matcher(line).find()) {
                    kinds.add(rule.kind());
                }
            }
            for (String kind : kinds) {
                hits.add(new Hit(source, i + 1, kind));
            }
        }
        return hits;
    }

    /** How many distinct windows and rules the scanner looks for (to show that it was given something). */
    public int size() {
        return windows.size() + rules.size();
    }

    public static final class Builder {

        private final Map<String, String> windows = new HashMap<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** A secret, found by every window of its distinctive parts (a part shorter than a window: whole). */
        public Builder secret(String value, IssuedSecrets.SecretKind kind) {
            for (String part : kind.distinctiveParts(value)) {
                if (part.length() < WINDOW) {
                    rules.add(new Rule(kind.label(), Pattern.compile(Pattern.quote(part))));
                    continue;
                }
                for (int at = 0; at + WINDOW <= part.length(); at++) {
                    windows.putIfAbsent(part.substring(at, at + WINDOW), kind.label());
                }
            }
            return this;
        }

        /** Text unique to the run (a canary), in any letter case. */
        public Builder text(String kind, String text) {
            rules.add(new Rule(kind, Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE)));
            return this;
        }

        /** A code (e.g. {@code saddle_numbness}) as a whole word, in any letter case. */
        public Builder word(String kind, String code) {
            rules.add(new Rule(kind, Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(code) + "(?![A-Za-z0-9_])",
                    Pattern.CASE_INSENSITIVE)));
            return this;
        }

        /**
         * A value next to its name, as JSON, a record's {@code toString}, {@code key=value} or prose writes it:
         * {@code "intensity":7}, {@code intensity=7}, {@code intensity 7}. A number must not go on with more digits.
         */
        public Builder field(String kind, String name, String value) {
            String end = value.matches("-?[0-9.]+") ? "(?!\\.?[0-9])" : "";
            rules.add(new Rule(kind, Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name)
                    + "[\"']?\\s{0,2}[:=]?\\s{0,2}[\"']?" + Pattern.quote(value) + end, Pattern.CASE_INSENSITIVE)));
            return this;
        }

        /** Anything matching {@code regex}. */
        public Builder pattern(String kind, String regex) {
            rules.add(new Rule(kind, Pattern.compile(regex)));
            return this;
        }

        public LeakScanner build() {
            return new LeakScanner(windows, rules);
        }
    }
}
