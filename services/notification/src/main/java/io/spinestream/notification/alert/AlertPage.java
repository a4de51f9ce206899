package io.spinestream.notification.alert;

import java.util.List;

/**
 * One page of alerts, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
public record AlertPage(List<AlertView> items, String nextCursor) {
}
