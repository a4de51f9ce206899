package io.spinestream.notification.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** Filters and paging of an endpoint's delivery log; filters combine with AND. */
public class DeliveryQuery {

    @QueryParam("status")
    @Pattern(regexp = "pending|succeeded|dead_lettered", message = "must be pending, succeeded or dead_lettered")
    public String status;

    @QueryParam("eventType")
    @Size(max = 128)
    public String eventType;

    /** Created at or after this instant (RFC 3339). */
    @QueryParam("since")
    @Size(max = 64)
    public String since;

    /** Created before this instant (RFC 3339). */
    @QueryParam("until")
    @Size(max = 64)
    public String until;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(200)
    public int limit;

    @QueryParam("cursor")
    @Size(max = 1024)
    public String cursor;
}
