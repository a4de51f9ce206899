package io.spinestream.testing;

import io.spinestream.platform.audit.AccessFacts;
import io.spinestream.platform.audit.Audited;
import io.spinestream.platform.audit.NotAudited;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether every JAX-RS resource method of a service has its audit decided: {@link Audited} (recorded in the trail)
 * or {@link NotAudited} with a reason (exempt, and why) — never neither, never both (docs/audit.md). A resource
 * method is one annotated with an HTTP method ({@code @GET}, {@code @POST}, {@code @PUT}, {@code @PATCH},
 * {@code @DELETE}, {@code @HEAD}, {@code @OPTIONS} or one of the service's own {@code @HttpMethod}s), or a
 * sub-resource locator ({@code @Path} without one).
 *
 * <p>Reads the compiled classes with Jandex, so nothing is loaded or initialised:
 * {@code AuditCoverage.of(SomeResource.class).assertEveryEndpointDecided()}.
 *
 * @param endpoints every resource method found, as {@code class#method [METHOD /path]}
 * @param problems  every resource method whose audit is undecided or contradictory, with what is wrong
 */
public record AuditCoverage(List<String> endpoints, List<String> problems) {

    private static final DotName AUDITED = DotName.createSimple(Audited.class.getName());
    private static final DotName NOT_AUDITED = DotName.createSimple(NotAudited.class.getName());
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName HTTP_METHOD = DotName.createSimple("jakarta.ws.rs.HttpMethod");
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS");

    public AuditCoverage {
        endpoints = List.copyOf(endpoints);
        problems = List.copyOf(problems);
    }

    /** The coverage of the classes directory (a module's {@code target/classes}) {@code anyClass} was loaded from. */
    public static AuditCoverage of(Class<?> anyClass) {
        Path location;
        try {
            location = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no classes directory for " + anyClass.getName(), e);
        }
        return ofDirectory(location);
    }

    /** The coverage of every class file under {@code classes}. */
    public static AuditCoverage ofDirectory(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes + " is not a directory of compiled classes");
        }
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + classes, e);
        }
        return of(indexer.complete());
    }

    /** The coverage of exactly these classes. */
    public static AuditCoverage ofClasses(Class<?>... classes) {
        try {
            return of(Index.of(classes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coverage of an index's classes. */
    public static AuditCoverage of(IndexView index) {
        Set<DotName> httpMethods = new HashSet<>();
        STANDARD_METHODS.forEach(m -> httpMethods.add(DotName.createSimple("jakarta.ws.rs." + m)));
        for (AnnotationInstance custom : index.getAnnotations(HTTP_METHOD)) {
            httpMethods.add(custom.target().asClass().name());
        }
        List<String> endpoints = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ClassInfo> classes = index.getKnownClasses().stream()
                .sorted(Comparator.comparing(c -> c.name().toString())).toList();
        for (ClassInfo type : classes) {
            for (MethodInfo method : type.methods().stream().sorted(Comparator.comparing(MethodInfo::name)).toList()) {
                if (method.isSynthetic()) {
                    continue;
                }
                String verb = httpMethod(method, httpMethods);
                if (verb == null && method.declaredAnnotation(PATH) == null) {
                    continue;
                }
                String endpoint = describe(type, method, verb == null ? "locator" : verb);
                endpoints.add(endpoint);
                AnnotationInstance audited = method.declaredAnnotation(AUDITED);
                AnnotationInstance notAudited = method.declaredAnnotation(NOT_AUDITED);
                if (audited != null && notAudited != null) {
                    problems.add(endpoint + ": both @Audited and @NotAudited; decide for one");
                } else if (audited == null && notAudited == null) {
                    problems.add(endpoint + ": neither @Audited nor @NotAudited(reason = \"…\")");
                } else if (notAudited != null && blank(notAudited.value("reason"))) {
                    problems.add(endpoint + ": @NotAudited with a blank reason; say why it holds nothing to audit");
                }
            }
        }
        return new AuditCoverage(endpoints, problems);
    }

    /**
     * Fails listing every problem; fails too when no resource method was found at all (a wrong directory would
     * otherwise pass without checking anything).
     */
    public void assertEveryEndpointDecided() {
        if (endpoints.isEmpty()) {
            throw new AssertionError("no JAX-RS resource method found: nothing was checked");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " of " + endpoints.size()
                    + " resource methods have their audit undecided (docs/audit.md):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static String httpMethod(MethodInfo method, Set<DotName> httpMethods) {
        Set<String> found = new TreeSet<>();
        for (AnnotationInstance annotation : method.declaredAnnotations()) {
            if (httpMethods.contains(annotation.name())) {
                found.add(annotation.name().withoutPackagePrefix());
            }
        }
        return found.isEmpty() ? null : String.join(",", found);
    }

    private static String describe(ClassInfo type, MethodInfo method, String verb) {
        String params = method.parameterTypes().stream().map(t -> t.name().withoutPackagePrefix())
                .collect(Collectors.joining(","));
        return type.name() + "#" + method.name() + "(" + params + ") ["
                + AccessFacts.operation(verb, pathOf(type.declaredAnnotation(PATH)),
                pathOf(method.declaredAnnotation(PATH))) + "]";
    }

    private static String pathOf(AnnotationInstance path) {
        return path == null || path.value() == null ? null : path.value().asString();
    }

    private static boolean blank(AnnotationValue reason) {
        return reason == null || reason.asString().isBlank();
    }
}
