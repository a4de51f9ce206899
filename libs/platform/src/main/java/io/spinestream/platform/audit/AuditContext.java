package io.spinestream.platform.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What only the resource method knows about an audited access: the wearer of a resource found by its own id
 * (a session, an alert), the created resource's id, the number of items of a list whose answer is not a
 * page. Each overrides what {@link Audited} takes from the path or the answer. Ids only, never health data.
 */
@RequestScoped
public class AuditContext {

    private String wearerId;
    private String resourceId;
    private Integer itemCount;

    /** The wearer whose data the access touched ({@code null} leaves it unknown). */
    public void wearer(String wearerId) {
        this.wearerId = wearerId;
    }

    public void resourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public void itemCount(int itemCount) {
        this.itemCount = itemCount;
    }

    String wearerId() {
        return wearerId;
    }

    String resourceId() {
        return resourceId;
    }

    Integer itemCount() {
        return itemCount;
    }
}
