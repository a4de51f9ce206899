package io.spinestream.deployment.databases;

import io.spinestream.deployment.service.ServiceConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the database initialisation scripts of deploy/ create, and what the services expect. */
public final class DatabaseInit {

    private static final Pattern CREATE_DATABASE = Pattern.compile("(?i)CREATE\\s+DATABASE\\s+\"?([A-Za-z0-9_]+)\"?");
    private static final Pattern MONGO_DATABASE = Pattern.compile("getSiblingDB\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(?:jdbc:)?[a-z]+://[^/]+/([A-Za-z0-9_]+)");

    private DatabaseInit() {
    }

    /** The PostgreSQL databases the scripts of a directory create. */
    public static Set<String> postgresDatabases(Path initDir) {
        return matches(initDir, CREATE_DATABASE);
    }

    /** The MongoDB databases the scripts of a directory create users in. */
    public static Set<String> mongoDatabases(Path initDir) {
        return matches(initDir, MONGO_DATABASE);
    }

    /** The PostgreSQL database a service's datasource URLs name. */
    public static Optional<String> postgresDatabaseOf(ServiceConfig service) {
        for (String property : new String[]{"quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url"}) {
            Optional<String> url = service.property(property);
            if (url.isPresent()) {
                Matcher m = DATABASE_IN_URL.matcher(url.get().replaceAll("\\$\\{[^}]*}", "x"));
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** The MongoDB database a service keeps its records in. */
    public static Optional<String> mongoDatabaseOf(ServiceConfig service) {
        if (!service.hasExtension("quarkus-mongodb-client")) {
            return Optional.empty();
        }
        return service.property("quarkus.mongodb.database").or(() -> service.mappings().stream()
                .filter(m -> m.name().endsWith(".database")).findFirst()
                .flatMap(m -> service.valueOrDefault(m.name())));
    }

    private static Set<String> matches(Path dir, Pattern pattern) {
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
