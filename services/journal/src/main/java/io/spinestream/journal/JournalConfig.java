package io.spinestream.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The journal's operational tunables. Clinical thresholds are not here: they are fixed by the
 * spec and live, with their sources, in {@code io.spinestream.journal.insight.rules.ClinicalRules}.
 */
@ConfigMapping(prefix = "spinestream.journal")
public interface JournalConfig {

    /** The zone of a wearer created without one: days, weeks and times of day are local to the wearer. */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    /** Lists: items per page when a request gives no {@code limit}. */
    @WithDefault("50")
    int pageSize();

    /** The largest {@code limit} a list request may ask for. */
    @WithDefault("200")
    int maxPageSize();

    /** The longest period a report, an insight query or a FHIR export may cover. */
    @WithDefault("P400D")
    Duration maxPeriod();

    /**
     * How often to look for wearers whose current profile was never published (wearers enrolled before
     * the journal published profiles; see {@code ProfileBackfill}). Once there are none, a look is one
     * probe of an empty index.
     */
    @WithDefault("1m")
    Duration profileBackfillInterval();

    Outbox outbox();

    Fhir fhir();

    /** Publishing of the transactional outbox. */
    interface Outbox {

        /**
         * How often the relay looks for unpublished events. Events are also published right after
         * the transaction that wrote them; this poll only catches what that missed (a broker
         * outage, a crash between commit and publish).
         */
        @WithDefault("2s")
        Duration pollInterval();

        /** Events claimed and published per round. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long an instance holds the events it claimed; another instance takes them over after
         * that. Longer than the producer's delivery timeout, so a slow send is not duplicated.
         */
        @WithDefault("60s")
        Duration lease();

        /** After a failed publish, how long the events wait before the next attempt. */
        @WithDefault("5s")
        Duration retryDelay();

        /** Published events are deleted after this long (consumers deduplicate within the topics' retention). */
        @WithDefault("P14D")
        Duration retention();
    }

    /** FHIR R4 export. */
    interface Fhir {

        /** The system of the identifiers given to exported patients (the wearer id is the value). */
        @WithDefault("urn:spinestream:wearer")
        String patientIdentifierSystem();
    }
}
