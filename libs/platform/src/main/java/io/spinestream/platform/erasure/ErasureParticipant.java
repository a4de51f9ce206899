package io.spinestream.platform.erasure;

import io.smallrye.mutiny.Uni;
import io.spinestream.events.payload.ErasureRequested;

/**
 * A service's part in an erasure (right to erasure, docs/privacy.md): deleting everything it holds of
 * one wearer. Each service implements it over its own stores; {@link ErasureRequestHandler} calls it
 * for every erasure request and sends the receipt.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Scope</b>: only what belongs to {@code request.clinicId()}; never data of another clinic.</li>
 *   <li><b>Remember</b>: record the erasure (at least erasure id, wearer id, what was removed, when) in the
 *       same transaction as the deletion where the store allows it, so that data still arriving for the
 *       wearer is dropped and a later call can answer the same result.</li>
 *   <li><b>Idempotent</b>: the request is read again after a crash, a restart or a replay of the topic.
 *       For an erasure carried out before, answer the result recorded then (its counts and
 *       {@code completedAt}), deleting anything that appeared since without counting it twice.</li>
 *   <li><b>Fail rather than half-answer</b>: a failed Uni makes the handler retry and, if it keeps failing,
 *       leaves the request unacknowledged so that it is read again; never answer a result for a deletion
 *       that did not happen.</li>
 * </ul>
 */
@FunctionalInterface
public interface ErasureParticipant {

    /** Erases the request's wearer; the result is what was removed, by kind, and when it was done. */
    Uni<ErasureResult> erase(ErasureRequested request);
}
