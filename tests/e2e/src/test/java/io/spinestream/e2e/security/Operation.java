package io.spinestream.e2e.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the access table: an operation of a service's API (as its OpenAPI document names it), who
 * may call it, what its request names of clinic A, and how to build a valid request of it.
 */
final class Operation {

    /** Builds a valid request; {@code admitted} is true for a caller that may call it (its change is real). */
    @FunctionalInterface
    interface RequestFor {
        Request build(AccessFixture fixture, boolean admitted);
    }

    /** A refused call whose request mixes ids (another clinic's or wearer's parent with this one's child): 404. */
    record Crossing(String caller, Function<AccessFixture, String> credential, Function<AccessFixture, Request> request) {
    }

    /**
     * Something the fixture watched while it made clinic A's data, that no single request shows (a live
     * stream): the deviation in words, or null when it holds.
     */
    record Observation(String name, Function<AccessFixture, String> deviation) {
    }

    final Service service;
    final String method;
    final String template;
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    private Scope scope;
    private int success;
    private RequestFor request;
    private Function<AccessFixture, String> item;
    private final List<Crossing> crossings = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();

    private Operation(Service service, String method, String template) {
        this.service = service;
        this.method = method;
        this.template = template;
    }

    static Operation of(Service service, String method, String template) {
        return new Operation(service, method, template);
    }

    Operation roles(Role first, Role... more) {
        this.roles = EnumSet.of(first, more);
        return this;
    }

    Operation scope(Scope scope) {
        this.scope = scope;
        return this;
    }

    /** The status an admitted caller gets. */
    Operation answers(int status) {
        this.success = status;
        return this;
    }

    Operation request(RequestFor request) {
        this.request = request;
        return this;
    }

    /**
     * An id of clinic A that the admitted answer must list (so that "clinic B's answer does not list it"
     * means something).
     */
    Operation lists(Function<AccessFixture, String> item) {
        this.item = item;
        return this;
    }

    Operation crossing(String caller, Function<AccessFixture, String> credential, Function<AccessFixture, Request> request) {
        crossings.add(new Crossing(caller, credential, request));
        return this;
    }

    Operation observes(String name, Function<AccessFixture, String> deviation) {
        observations.add(new Observation(name, deviation));
        return this;
    }

    List<Crossing> crossings() {
        return List.copyOf(crossings);
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Checks the row is complete; a table row without a request or a scope is a mistake in the table. */
    Operation done() {
        Objects.requireNonNull(scope, () -> key() + ": no scope");
        Objects.requireNonNull(request, () -> key() + ": no request");
        if (roles.isEmpty() || success < 200 || success > 299) {
            throw new IllegalStateException(key() + ": needs roles and a 2xx answer");
        }
        return this;
    }

    Set<Role> roles() {
        return roles;
    }

    Scope scope() {
        return scope;
    }

    int success() {
        return success;
    }

    Request request(AccessFixture fixture, boolean admitted) {
        return request.build(fixture, admitted);
    }

    /** The item of clinic A the answer lists, or null when the row names none. */
    String item(AccessFixture fixture) {
        return item == null ? null : item.apply(fixture);
    }

    /** {@code service METHOD /path/{template}}: how the OpenAPI document and the failures name it. */
    String key() {
        return service + " " + method + " " + template;
    }

    @Override
    public String toString() {
        return key();
    }
}
