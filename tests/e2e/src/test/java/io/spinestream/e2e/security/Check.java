package io.spinestream.e2e.security;

import java.util.function.Function;

/**
 * One caller against one operation.
 *
 * @param caller     who calls, in words (the test's name)
 * @param credential the bearer value; null: no Authorization header
 * @param admitted   whether the caller may call it (its request then really changes what it changes)
 * @param request    a request of its own (ids mixed across wearers or clinics); null: the operation's
 * @param twinCaller the credential for the absent twin's request: a wearer's token names the wearer it asks
 *                   for as subject, and so must the twin's
 */
record Check(Operation operation, String caller, String credential, Expected expected, boolean admitted,
             Function<AccessFixture, Request> request, Function<AbsentTwin, String> twinCaller) {

    Check(Operation operation, String caller, String credential, Expected expected, boolean admitted) {
        this(operation, caller, credential, expected, admitted, null, twin -> credential);
    }

    Check(Operation operation, String caller, String credential, Expected expected, boolean admitted,
          Function<AccessFixture, Request> request) {
        this(operation, caller, credential, expected, admitted, request, twin -> credential);
    }

    Request build(AccessFixture fixture) {
        return request == null ? operation.request(fixture, admitted) : request.apply(fixture);
    }

    /** How {@code KNOWN_VIOLATIONS} and failures name the check. */
    String key() {
        return operation.key() + " | " + caller;
    }

    String displayName() {
        return caller + " → " + expected.description();
    }
}
