package io.spinestream.platform.audit;

import io.spinestream.platform.auth.Roles;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pure rules by which a request becomes the facts of its audit record: who (roles), what (operation
 * template, ids, count), from where (address, user agent) and which request. Everything the client sends is
 * bounded and cleaned here, so that no header can smuggle data (or another record's id) into the trail.
 */
public final class AccessFacts {

    /** What the trail keeps of a {@code User-Agent}. */
    public static final int USER_AGENT_MAX = 200;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]%a-zA-Z-]{1,64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
    private static final Set<String> KNOWN_ROLES;

    static {
        Set<String> known = new TreeSet<>(Roles.PEOPLE);
        known.add(Roles.BELT);
        KNOWN_ROLES = Set.copyOf(known);
    }

    private AccessFacts() {
    }

    /** The caller's platform roles, sorted and comma-separated; {@code none} when it holds none of them. */
    public static String role(Set<String> roles) {
        String known = roles.stream().filter(KNOWN_ROLES::contains).sorted().collect(Collectors.joining(","));
        return known.isEmpty() ? "none" : known;
    }

    /**
     * Where the request came from: the connection's peer, or with {@code trustedProxies} n &gt; 0 the n-th
     * address from the right of {@code X-Forwarded-For} (the client as the outermost trusted proxy saw it),
     * falling back to the peer when the header is absent, too short or not an address.
     */
    public static String clientAddress(String peer, String forwardedFor, int trustedProxies) {
        if (trustedProxies > 0 && forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            if (hops.length >= trustedProxies) {
                String candidate = hops[hops.length - trustedProxies].strip();
                if (ADDRESS.matcher(candidate).matches()) {
                    return candidate;
                }
            }
        }
        return peer;
    }

    /** The {@code User-Agent} without control characters, cut to {@value #USER_AGENT_MAX}; null when absent. */
    public static String userAgent(String header) {
        if (header == null) {
            return null;
        }
        String clean = header.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() <= USER_AGENT_MAX ? clean
                : clean.substring(0, Character.isHighSurrogate(clean.charAt(USER_AGENT_MAX - 1))
                ? USER_AGENT_MAX - 1 : USER_AGENT_MAX);
    }

    /** The client's {@code X-Request-Id} when it is a plain token of at most 64 characters; else a fresh UUID. */
    public static String requestId(String header) {
        return header != null && REQUEST_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    /** {@code METHOD /class/path/method-path}, with single slashes and no trailing one. */
    public static String operation(String method, String classPath, String methodPath) {
        String joined = "/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath);
        String path = joined.replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return method + " " + path;
    }

    /**
     * How many items a list answered: the size of a collection, or of the {@code items} component of a page
     * record ({@code Page(items, nextCursor)}); null for anything else.
     */
    public static Integer itemCount(Object entity) {
        if (entity instanceof Collection<?> collection) {
            return collection.size();
        }
        if (entity != null && entity.getClass().isRecord()) {
            for (RecordComponent component : entity.getClass().getRecordComponents()) {
                if (component.getName().equals("items") && Collection.class.isAssignableFrom(component.getType())) {
                    try {
                        Object items = component.getAccessor().invoke(entity);
                        return items == null ? null : ((Collection<?>) items).size();
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The wearer an answered resource belongs to: the {@code wearerId} component of a record (a session, an
     * alert, a belt); null for anything else or an id that is not one.
     */
    public static String wearerOf(Object entity) {
        if (entity != null && entity.getClass().isRecord()) {
            for (RecordComponent component : entity.getClass().getRecordComponents()) {
                if (component.getName().equals("wearerId") && component.getType() == String.class) {
                    try {
                        return id((String) component.getAccessor().invoke(entity));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The last segment of a {@code Location} when it is an id; null otherwise. */
    public static String idFromLocation(String location) {
        if (location == null) {
            return null;
        }
        String path = location.replaceFirst("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return ID.matcher(last).matches() ? last : null;
    }

    /** A path parameter's value when it is an id; null otherwise (nothing arbitrary enters the trail). */
    public static String id(String value) {
        return value != null && ID.matcher(value).matches() ? value : null;
    }
}
