package io.spinestream.deployment.compose;

import io.spinestream.deployment.service.EnvValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Compose file as Docker Compose reads it: YAML with merge keys resolved (SnakeYAML), and values
 * interpolated from the variables of the shell ({@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code $$}). The parsed tree is mutable, so that
 * tests can break one thing and see the checks notice.
 */
public final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, String> variables;

    private ComposeFile(Path file, Map<String, Object> root, Map<String, String> variables) {
        this.file = file;
        this.root = root;
        this.variables = variables;
    }

    /** The file with no variables set: every value takes its default, as on a fresh machine. */
    public static ComposeFile load(Path file) {
        return load(file, Map.of());
    }

    public static ComposeFile load(Path file, Map<String, String> variables) {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new ComposeFile(file, root, variables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** The directory relative paths of the file are resolved from. */
    public Path directory() {
        return file.getParent();
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> services() {
        return map(root.get("services"));
    }

    public Optional<Map<String, Object>> service(String name) {
        return Optional.ofNullable(services().get(name)).map(ComposeFile::map);
    }

    /** A value as Compose passes it on, variables interpolated. */
    public String interpolate(String raw) {
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                String value = variables.get(name);
                String op = m.group(2);
                String arg = m.group(3) == null ? "" : m.group(3);
                boolean unset = value == null;
                boolean empty = unset || value.isEmpty();
                if (op == null) {
                    replacement = unset ? "" : value;
                } else if (op.equals(":-")) {
                    replacement = empty ? interpolate(arg) : value;
                } else if (op.equals("-")) {
                    replacement = unset ? interpolate(arg) : value;
                } else if ((op.equals(":?") && empty) || (op.equals("?") && unset)) {
                    throw new RequiredVariableUnset(file + ": variable " + name + " is required: " + arg);
                } else {
                    replacement = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a raw value takes (part of) its value from a variable of the shell. */
    public static boolean isInterpolated(String raw) {
        Matcher m = VARIABLE.matcher(raw);
        while (m.find()) {
            if (!m.group().equals("$$")) {
                return true;
            }
        }
        return false;
    }

    /** A service's environment (map or list form), with where each value comes from. */
    public Map<String, EnvValue> environment(String service) {
        Object env = service(service).map(s -> s.get("environment")).orElse(null);
        Map<String, String> raw = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> raw.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object entry : l) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                raw.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        Map<String, EnvValue> result = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (value == null) {
                // "NAME" alone passes the shell's variable through.
                result.put(name, new EnvValue(name, Optional.ofNullable(variables.get(name)), EnvValue.Source.INTERPOLATED,
                        "the shell's " + name));
            } else if (isInterpolated(value)) {
                Optional<String> interpolated;
                try {
                    interpolated = Optional.of(interpolate(value));
                } catch (RequiredVariableUnset e) {
                    // ${VAR:?...}: Compose refuses to start without it, so the operator provides it (as a Secret's value).
                    interpolated = Optional.empty();
                }
                result.put(name, new EnvValue(name, interpolated, EnvValue.Source.INTERPOLATED, value));
            } else {
                result.put(name, EnvValue.literal(name, interpolate(value)));
            }
        });
        return result;
    }

    /** A variable written {@code ${VAR:?message}} (or {@code ${VAR?message}}) that is not set. */
    public static final class RequiredVariableUnset extends IllegalStateException {
        RequiredVariableUnset(String message) {
            super(message);
        }
    }

    /** The raw (not interpolated) value of a service's variable. */
    public Optional<String> rawEnvironment(String service, String name) {
        Object env = service(service).map(s -> s.get("environment")).orElse(null);
        if (env instanceof Map<?, ?> m && m.get(name) != null) {
            return Optional.of(String.valueOf(m.get(name)));
        }
        return Optional.empty();
    }

    /** Strings of a list-or-string field ({@code command}, {@code healthcheck.test}). */
    public static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
