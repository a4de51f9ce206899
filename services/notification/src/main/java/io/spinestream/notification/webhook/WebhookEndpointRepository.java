package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

/** Endpoint queries, always within one clinic. */
@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, String> {

    /** The endpoint if it exists in {@code clinicId}; null for an absent one or one of another clinic. */
    public Uni<WebhookEndpoint> findInClinic(String clinicId, String id) {
        return find("id = ?1 and clinicId = ?2", id, clinicId).firstResult();
    }

    public Uni<List<WebhookEndpoint>> listInClinic(String clinicId) {
        return list("clinicId", Sort.ascending("createdAt", "id"), clinicId);
    }

    public Uni<List<WebhookEndpoint>> enabledIn(String clinicId) {
        return list("clinicId = ?1 and enabled = true", clinicId);
    }

    /** The enabled endpoints of any of these clinics, in one query. */
    public Uni<List<WebhookEndpoint>> enabledIn(Collection<String> clinicIds) {
        return list("clinicId in ?1 and enabled = true", Sort.ascending("createdAt", "id"), List.copyOf(clinicIds));
    }
}
