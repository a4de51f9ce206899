package io.spinestream.analysis.stream;

import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.payload.WearerProfile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest profile per wearer in the global profile store, as the compacted
 * wearer-profiles topic delivers them: a lower version than the one held is ignored
 * (docs/events.md), a tombstone removes the wearer. The store holds the events as read, so a
 * restore that copies the topic straight into the store gives the same content.
 */
final class WearerProfileUpdater implements Processor<String, Event<WearerProfile>, Void, Void> {

    private KeyValueStore<String, Event<WearerProfile>> profiles;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        profiles = context.getStateStore(AnalysisTopology.PROFILE_STORE);
    }

    @Override
    public void process(Record<String, Event<WearerProfile>> record) {
        Event<WearerProfile> event = record.value();
        String wearerId = record.key() != null ? record.key() : event == null ? null : event.data().wearerId();
        if (wearerId == null) {
            return;
        }
        if (event == null) {
            profiles.delete(wearerId);
            return;
        }
        Event<WearerProfile> held = profiles.get(wearerId);
        if (held == null || held.data().version() <= event.data().version()) {
            profiles.put(wearerId, event);
        }
    }
}
