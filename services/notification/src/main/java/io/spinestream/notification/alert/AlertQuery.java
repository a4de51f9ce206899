package io.spinestream.notification.alert;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** Filters and paging of the alert list; every filter is optional and they combine with AND. */
public class AlertQuery {

    @QueryParam("wearerId")
    @Size(max = 128)
    public String wearerId;

    @QueryParam("beltId")
    @Size(max = 64)
    public String beltId;

    /** The alert type, e.g. {@code io.spinestream.journal.red-flag.v1}. */
    @QueryParam("type")
    @Size(max = 128)
    public String type;

    @QueryParam("code")
    @Size(max = 128)
    public String code;

    @QueryParam("severity")
    @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical")
    public String severity;

    @QueryParam("state")
    @Pattern(regexp = "open|acknowledged|resolved", message = "must be open, acknowledged or resolved")
    public String state;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(200)
    public int limit;

    /** {@code nextCursor} of the previous page. */
    @QueryParam("cursor")
    @Size(max = 1024)
    public String cursor;
}
