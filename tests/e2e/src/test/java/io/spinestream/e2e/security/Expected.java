package io.spinestream.e2e.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.spinestream.e2e.client.Http;

/**
 * What one caller must get from one operation: the statuses that are right, and what the answer must or
 * must not name. {@link #deviations} describes in words (the same words every run) what differs.
 *
 * @param mustNotName clinic A's id first, then an item of clinic A the answer must not hold
 * @param mustList    an item of clinic A the answer must hold (null: none)
 * @param likeAbsent  whether the answer must read exactly like the one for an absent resource
 */
record Expected(String description, Set<Integer> statuses, boolean anySuccess, List<String> mustNotName, String mustList,
                boolean likeAbsent) {

    static Expected status(int status) {
        return new Expected(Integer.toString(status), Set.of(status), false, List.of(), null, false);
    }

    static Expected unauthorized() {
        return status(401);
    }

    static Expected forbidden() {
        return status(403);
    }

    /** 404 exactly as for an absent resource (its {@link AbsentTwin}); the answer names nothing of clinic A's. */
    static Expected notFound(List<String> clinicAItems) {
        return new Expected("404", Set.of(404), false, clinicAItems, null, true);
    }

    /** 404, naming nothing of clinic A's (for a request that mixes ids, which has no absent twin). */
    static Expected notFoundMixed(List<String> clinicAItems) {
        return new Expected("404", Set.of(404), false, clinicAItems, null, false);
    }

    /** A success holding none of clinic A's items. */
    static Expected nothingOf(List<String> clinicAItems) {
        return new Expected("2xx without clinic A's items", Set.of(), true, clinicAItems, null, false);
    }

    /** Exactly what an unknown wearer gets: 404, or a success holding none of clinic A's items. */
    static Expected absentOrNothingOf(List<String> clinicAItems) {
        return new Expected("404 or 2xx without clinic A's items", Set.of(404), true, clinicAItems, null, true);
    }

    /** The admitted answer, listing {@code item} when not null. */
    static Expected admitted(int status, String item) {
        return new Expected(Integer.toString(status), Set.of(status), false, List.of(), item, false);
    }

    List<String> deviations(Http.Reply reply) {
        List<String> deviations = new ArrayList<>();
        int status = reply.status();
        boolean success = status >= 200 && status < 300;
        if (!statuses.contains(status) && !(anySuccess && success)) {
            deviations.add("got " + status + ", expected " + description);
        } else if (status >= 400) {
            String type = reply.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                deviations.add(status + " is not application/problem+json (Content-Type '" + type + "')");
            }
            if (status == 401 && !reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                deviations.add("401 without WWW-Authenticate: Bearer");
            }
        }
        // in words without the ids themselves, which differ each run (the failure shows the body)
        for (int i = 0; i < mustNotName.size(); i++) {
            if (reply.body() != null && reply.body().contains(mustNotName.get(i))) {
                deviations.add(i == 0 ? "the answer names clinic A" : "the answer lists clinic A's item");
            }
        }
        if (mustList != null && success && (reply.body() == null || !reply.body().contains(mustList))) {
            deviations.add("the answer does not list clinic A's item");
        }
        return deviations;
    }

    /** How the answer differs from the one for an absent resource, or null if it does not. */
    String unlikeAbsent(Http.Reply reply, Http.Reply absent, AbsentTwin twin) {
        String type = reply.headers().firstValue("Content-Type").orElse("");
        String absentType = absent.headers().firstValue("Content-Type").orElse("");
        if (reply.status() != absent.status() || !type.equals(absentType)
                || !String.valueOf(reply.body()).equals(twin.asIfReal(absent.body()))) {
            return "answers unlike for an absent id (" + absent.status() + " there)";
        }
        return null;
    }
}
