package io.spinestream.platform.audit;

import io.spinestream.events.payload.AuditAction;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method that reads or writes health data: {@link AuditFilter} records every call
 * of it in the audit trail once it has been answered, refusals included (docs/audit.md). A read's answer
 * waits for the record; one that cannot be recorded answers 503 instead.
 *
 * <pre>{@code
 * @GET @Path("{entryId}")
 * @Audited(resource = "pain_entry", action = AuditAction.READ, wearer = "wearerId", id = "entryId")
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** As {@link #wearer()}: the wearer is the resource the call created (enrolling a wearer). */
    String CREATED = "<created>";

    /** Kind of resource, snake_case ({@code pain_entry}, {@code session}, {@code alert}, …). */
    String resource();

    /** What the operation does to it. */
    AuditAction action();

    /**
     * The path parameter (or, when the path has none of that name, the query parameter) naming the wearer whose
     * data it is; {@link #CREATED} for the resource the call created. Empty, or absent from the request: the
     * wearer is the {@code wearerId} of the answered resource (a session, an alert), or, for an answered call, the
     * caller when the caller is a wearer (who reaches only their own data); else none (a clinic-wide list).
     */
    String wearer() default "";

    /**
     * The path parameter holding the resource's id; empty when the path names none. For a create, the id
     * is taken from the {@code Location} of the 201.
     */
    String id() default "";
}
