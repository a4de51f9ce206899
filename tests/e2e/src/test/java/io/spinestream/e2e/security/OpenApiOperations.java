package io.spinestream.e2e.security;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Services;

/** The operations a running service publishes in its OpenAPI document ({@code /q/*}, the platform's own, aside). */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private OpenApiOperations() {
    }

    /** {@code METHOD /path/{template}} of every operation, sorted. */
    static Set<String> of(Services services, Service service) {
        JsonNode document = document(services, service);
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /** The service's live OpenAPI document. */
    static JsonNode document(Services services, Service service) {
        return services.http().get(service.baseUrl(services) + "/q/openapi?format=json", null).expect(200).json();
    }
}
