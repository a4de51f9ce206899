package io.spinestream.e2e.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The same request with every path parameter turned into an id of the same form that names nothing: what
 * a caller gets for an absent resource. A refusal that does not leak existence reads exactly like it,
 * once the twin's ids are put back.
 *
 * @param pathAndQuery the twin request's path and query
 * @param realByTwin   each invented id and the real one it stands for
 */
record AbsentTwin(String pathAndQuery, Map<String, String> realByTwin) {

    private static final int TAIL = 6;

    static AbsentTwin of(String template, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q);
        String[] names = template.split("/");
        String[] values = path.split("/");
        if (names.length != values.length) {
            throw new IllegalStateException(pathAndQuery + " does not fit " + template);
        }
        Map<String, String> realByTwin = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("{")) {
                String twin = absent(values[i]);
                realByTwin.put(twin, values[i]);
                values[i] = twin;
            }
        }
        return new AbsentTwin(String.join("/", values) + query, realByTwin);
    }

    /** The invented id standing for {@code real}, if the path names it. */
    Optional<String> twinOf(String real) {
        return realByTwin.entrySet().stream().filter(e -> e.getValue().equals(real)).map(Map.Entry::getKey).findFirst();
    }

    /** The twin's answer with the real ids in place of the invented ones. */
    String asIfReal(String body) {
        String text = body == null ? "" : body;
        for (Map.Entry<String, String> e : realByTwin.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    /** The id with its last characters rotated: the same characters, so the same format, but another id. */
    private static String absent(String id) {
        int start = id.length() - TAIL;
        if (start < 1 || !id.substring(start).chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalStateException("cannot make an absent twin of the id " + id);
        }
        String tail = id.substring(start);
        String rotated = tail.substring(1) + tail.charAt(0);
        if (rotated.equals(tail)) {
            throw new IllegalStateException("cannot make an absent twin of the id " + id);
        }
        return id.substring(0, start) + rotated;
    }
}
