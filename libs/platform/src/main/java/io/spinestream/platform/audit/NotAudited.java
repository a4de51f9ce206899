package io.spinestream.platform.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource method that is deliberately kept out of the audit trail, and says why. Every resource
 * method of a service carries either {@link Audited} or this: an endpoint whose audit nobody decided does not pass
 * the services' {@code AuditCoverageTest} (docs/audit.md, "What is audited, service by service").
 *
 * <p>An endpoint may be exempt only when no person's access to a wearer's health data passes through it, e.g.:
 * <ul>
 *   <li>it holds no health data: ids and counts (an erasure's receipt), configuration (webhook endpoints,
 *       event types);</li>
 *   <li>it is a device's own stream, not a person's access: a belt uploading its telemetry or holding its command
 *       stream open (the data is itself on its topic and in the archive);</li>
 *   <li>it hands out a secret and nothing of a wearer (a belt's credential).</li>
 * </ul>
 * Anything that reads or writes a wearer's data, or tells who wore what, takes {@link Audited} instead.
 *
 * <pre>{@code
 * @POST @Path("{id}/credential")
 * @NotAudited(reason = "a secret, nothing of a wearer")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotAudited {

    /** Why the endpoint holds nothing the trail is for; mandatory and not blank, checked by the coverage test. */
    String reason();
}
