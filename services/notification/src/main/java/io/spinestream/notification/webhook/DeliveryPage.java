package io.spinestream.notification.webhook;

import java.util.List;

/**
 * One page of an endpoint's delivery log, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
}
