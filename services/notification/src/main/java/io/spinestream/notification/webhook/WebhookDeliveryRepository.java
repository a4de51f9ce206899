package io.spinestream.notification.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Delivery log queries; callers always scope them by clinic and endpoint. */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, String> {

    /** Up to {@code limit} deliveries matching {@code where}, newest first. */
    public Uni<List<WebhookDelivery>> newestFirst(String where, Parameters parameters, int limit) {
        return find(where, Sort.descending("createdAt", "id"), parameters).range(0, limit - 1).list();
    }
}
