package io.spinestream.deployment.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Quarkus extensions on this module's class path, each with the configuration it reads (from
 * the configuration model its runtime jar carries, {@code META-INF/quarkus-config-doc}) and the
 * extensions it depends on (from the pom in the jar).
 */
public final class QuarkusExtensions {

    /** When a property is read: only at build time, fixed at build time, or at run time. */
    public enum Phase {
        BUILD_TIME, BUILD_AND_RUN_TIME_FIXED, RUN_TIME;

        public boolean fixedAtBuild() {
            return this != RUN_TIME;
        }
    }

    /** A property an extension reads; {@code envPattern} matches its environment variable names. */
    public record Property(String name, Pattern envPattern, Phase phase, Optional<String> defaultValue, String extension) {
    }

    public record Extension(String artifactId, Set<String> dependencies, List<Property> properties) {
    }

    private static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final String EXTENSION_MARKER = "META-INF/quarkus-extension.properties";
    private static final Pattern POM_ENTRY = Pattern.compile("META-INF/maven/io\\.quarkus/([^/]+)/pom\\.xml");

    private static final QuarkusExtensions INSTANCE = load();

    private final Map<String, Extension> extensions;

    private QuarkusExtensions(Map<String, Extension> extensions) {
        this.extensions = extensions;
    }

    public static QuarkusExtensions onClassPath() {
        return INSTANCE;
    }

    public Optional<Extension> get(String artifactId) {
        return Optional.ofNullable(extensions.get(artifactId));
    }

    /**
     * The extensions {@code direct} pulls in, themselves included. Every direct one must be on this
     * module's class path (tests/deployment/pom.xml lists them), so that its configuration is known.
     */
    public Set<String> closure(Collection<String> direct) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String d : direct) {
            if (!extensions.containsKey(d)) {
                throw new IllegalStateException("Quarkus extension io.quarkus:" + d + " is used by a service but is not a"
                        + " test dependency of tests/deployment: add it to tests/deployment/pom.xml");
            }
            pending.add(d);
        }
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (seen.add(next)) {
                Extension e = extensions.get(next);
                if (e != null) {
                    pending.addAll(e.dependencies());
                }
            }
        }
        seen.retainAll(extensions.keySet());
        return seen;
    }

    /** The properties the given extensions read. */
    public List<Property> properties(Collection<String> artifactIds) {
        List<Property> all = new ArrayList<>();
        for (String a : artifactIds) {
            Extension e = extensions.get(a);
            if (e != null) {
                all.addAll(e.properties());
            }
        }
        return all;
    }

    /** What one jar says about itself: its Maven artifact id, its pom, its configuration model. */
    private record JarFacts(String artifactId, Set<String> dependencies, List<Property> properties, boolean extension) {
    }

    private static QuarkusExtensions load() {
        ClassLoader loader = QuarkusExtensions.class.getClassLoader();
        Map<String, Extension> found = new LinkedHashMap<>();
        List<JarFacts> deploymentModels = new ArrayList<>();
        try {
            // One URL per jar: an extension's jar holds both resources.
            Map<String, URL> jars = new LinkedHashMap<>();
            for (String resource : List.of(EXTENSION_MARKER, MODEL)) {
                for (Enumeration<URL> urls = loader.getResources(resource); urls.hasMoreElements(); ) {
                    URL url = urls.nextElement();
                    jars.putIfAbsent(url.toString().replaceFirst("!/.*$", ""), url);
                }
            }
            for (URL url : jars.values()) {
                Optional<JarFacts> facts = read(url);
                if (facts.isEmpty()) {
                    continue;
                }
                JarFacts f = facts.get();
                if (f.extension()) {
                    found.putIfAbsent(f.artifactId(), new Extension(f.artifactId(), f.dependencies(), f.properties()));
                } else if (f.artifactId().endsWith("-deployment")) {
                    deploymentModels.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A deployment jar carries the model of the extension's build-time settings (e.g. health paths).
        for (JarFacts d : deploymentModels) {
            String runtimeId = d.artifactId().substring(0, d.artifactId().length() - "-deployment".length());
            Extension runtime = found.get(runtimeId);
            if (runtime != null) {
                List<Property> properties = new ArrayList<>(runtime.properties());
                d.properties().forEach(p -> properties.add(new Property(p.name(), p.envPattern(), p.phase(),
                        p.defaultValue(), runtimeId)));
                found.put(runtimeId, new Extension(runtimeId, runtime.dependencies(), List.copyOf(properties)));
            }
        }
        return new QuarkusExtensions(found);
    }

    private static Optional<JarFacts> read(URL resource) throws IOException {
        if (!(resource.openConnection() instanceof JarURLConnection connection)) {
            return Optional.empty();
        }
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String artifactId = null;
            Set<String> dependencies = Set.of();
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                Matcher m = POM_ENTRY.matcher(entries.nextElement().getName());
                if (m.matches()) {
                    artifactId = m.group(1);
                    try (InputStream pom = jar.getInputStream(jar.getJarEntry(m.group()))) {
                        dependencies = quarkusDependencies(pom);
                    }
                }
            }
            if (artifactId == null) {
                return Optional.empty();
            }
            List<Property> properties = new ArrayList<>();
            JarEntry model = jar.getJarEntry(MODEL);
            if (model != null) {
                try (InputStream in = jar.getInputStream(model)) {
                    collect(new ObjectMapper().readTree(in), artifactId, properties);
                }
            }
            return Optional.of(new JarFacts(artifactId, dependencies, List.copyOf(properties),
                    jar.getJarEntry(EXTENSION_MARKER) != null));
        }
    }

    private static void collect(JsonNode node, String extension, List<Property> out) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.has("property") && node.has("phase")) {
                Phase phase = Phase.valueOf(node.get("phase").asText());
                Optional<String> defaultValue = Optional.ofNullable(node.get("defaultValue"))
                        .filter(v -> !v.isNull()).map(JsonNode::asText);
                List<String> names = new ArrayList<>();
                names.add(path.get("property").asText());
                JsonNode additional = node.get("additionalPaths");
                if (additional != null) {
                    additional.forEach(a -> names.add(a.get("property").asText()));
                }
                for (String name : names) {
                    out.add(new Property(name, envPattern(name), phase, defaultValue, extension));
                }
                return;
            }
            node.forEach(child -> collect(child, extension, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, extension, out));
        }
    }

    /** Quoted segments ({@code "datasource-name"}, map keys) match any name. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        Matcher quoted = Pattern.compile("\"[^\"]*\"").matcher(property);
        int last = 0;
        while (quoted.find()) {
            regex.append(Pattern.quote(EnvNames.of(property.substring(last, quoted.start()))));
            regex.append("_[A-Z0-9_]+_");
            last = quoted.end();
        }
        regex.append(Pattern.quote(EnvNames.of(property.substring(last))));
        return Pattern.compile(regex.toString());
    }

    static Set<String> quarkusDependencies(InputStream pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(pom);
            Set<String> deps = new LinkedHashSet<>();
            NodeList list = doc.getElementsByTagName("dependency");
            for (int i = 0; i < list.getLength(); i++) {
                Element dep = (Element) list.item(i);
                // Only the project's own dependencies, not dependencyManagement's or a plugin's.
                if (!"dependencies".equals(dep.getParentNode().getNodeName())
                        || !"project".equals(dep.getParentNode().getParentNode().getNodeName())) {
                    continue;
                }
                String group = text(dep, "groupId");
                String scope = text(dep, "scope");
                if ("io.quarkus".equals(group) && !"true".equals(text(dep, "optional"))
                        && (scope == null || scope.equals("compile") || scope.equals("runtime"))) {
                    deps.add(text(dep, "artifactId"));
                }
            }
            return deps;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read an extension's pom", e);
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == parent) {
                return nodes.item(i).getTextContent().trim();
            }
        }
        return null;
    }
}
