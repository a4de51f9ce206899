package io.spinestream.journal.fhir;

import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.journal.exercise.ExerciseEntries;
import io.spinestream.journal.exercise.ExerciseEntry;
import io.spinestream.journal.insight.Insights;
import io.spinestream.journal.insight.PeriodJournal;
import io.spinestream.journal.insight.rules.SorenessAssessment;
import io.spinestream.journal.pain.PainEntries;
import io.spinestream.journal.pain.PainEntry;
import io.spinestream.journal.pain.PainRedFlag;
import io.spinestream.journal.pain.Treatment;
import io.spinestream.journal.wearer.Wearer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * A wearer's journal for a period as an HL7 FHIR R4 {@code collection} Bundle: the Patient; each pain
 * entry as an Observation (LOINC 72514-3, pain severity 0–10) with its details and soreness
 * assessment as components; each exercise-log entry as a Procedure, belt sessions also with an
 * Observation of their form score; each red flag as a Flag. Resource ids are name-based UUIDs of
 * the journal's own ids, so exporting the same data twice gives the same ids.
 */
public final class FhirExport {

    public static final String LOINC = "http://loinc.org";
    public static final String PAIN_SEVERITY_LOINC = "72514-3";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    /** The journal's own codes (activities, symptoms, red flags, fields), for what no standard code fits. */
    public static final String CODES = "https://spinestream.io/fhir/CodeSystem/journal";

    private FhirExport() {
    }

    public static Bundle bundle(PeriodJournal journal, Insights insights, String patientIdentifierSystem, Instant now) {
        Wearer wearer = journal.wearer();
        Bundle bundle = new Bundle();
        bundle.setId(EventIds.deterministic("fhir-bundle", wearer.clinicId, wearer.id, journal.period().from().toString(),
                journal.period().to().toString(), now.toString()));
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(now));
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + bundle.getIdElement().getIdPart()));

        Patient patient = patient(wearer, patientIdentifierSystem);
        add(bundle, patient);
        Reference subject = reference(patient);

        Map<String, Procedure> procedures = new HashMap<>();
        for (ExerciseEntry entry : journal.exercise()) {
            Procedure procedure = procedure(wearer, entry, subject);
            procedures.put(entry.id, procedure);
            add(bundle, procedure);
            if (entry.formScore != null) {
                add(bundle, formScore(wearer, entry, subject, procedure));
            }
        }
        Map<String, List<PainRedFlag>> flags = journal.redFlags().stream()
                .collect(Collectors.groupingBy(f -> f.painEntryId));
        for (PainEntry entry : journal.painEntries()) {
            Observation observation = pain(wearer, entry, subject, insights.assessments().get(entry.id),
                    entry.exerciseEntryId == null ? null : procedures.get(entry.exerciseEntryId));
            add(bundle, observation);
            for (PainRedFlag flag : flags.getOrDefault(entry.id, List.of())) {
                add(bundle, flag(wearer, flag, subject));
            }
        }
        return bundle;
    }

    static Patient patient(Wearer wearer, String identifierSystem) {
        Patient patient = new Patient();
        patient.setId(id(wearer, "Patient", wearer.id));
        patient.addIdentifier().setSystem(identifierSystem).setValue(wearer.id);
        patient.setActive(true);
        // The clinic's name or pseudonym for the wearer, as one text.
        patient.addName().setText(wearer.displayName);
        if (wearer.birthYear != null) {
            patient.setBirthDateElement(new DateType(Integer.toString(wearer.birthYear)));
        }
        narrative(patient, wearer.displayName + (wearer.birthYear == null ? "" : ", born " + wearer.birthYear));
        return patient;
    }

    static Observation pain(Wearer wearer, PainEntry entry, Reference subject, SorenessAssessment assessment,
                            Procedure related) {
        Observation o = new Observation();
        o.setId(id(wearer, "Observation", entry.id));
        o.addIdentifier().setSystem(CODES + "/pain-entry").setValue(entry.id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept(new Coding(LOINC, PAIN_SEVERITY_LOINC,
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported")).setText("Pain severity (0–10)"));
        o.setSubject(subject);
        // Pain is reported by the wearer themself (LOINC 72514-3 is a reported score).
        o.addPerformer(subject);
        o.setEffective(instant(entry.recordedAt));
        o.setIssued(Date.from(entry.createdAt));
        o.setValue(new Quantity().setValue(entry.intensity).setUnit("score").setSystem(UCUM).setCode("{score}"));
        o.setBodySite(new CodeableConcept().setText(words(entry.locations)));
        if (related != null) {
            o.addPartOf(reference(related));
        }
        component(o, "quality", "Pain quality", text(words(entry.qualities)));
        if (entry.onset != null) {
            component(o, "onset", "Onset relative to exercise", text(words(entry.onset)
                    + (entry.onsetHours == null ? "" : String.format(Locale.ROOT, " (%.1f h)", entry.onsetHours))));
        }
        if (entry.worseAt.length > 0) {
            component(o, "worse-at", "Worse at", text(words(entry.worseAt)));
        }
        if (entry.symptoms.length > 0) {
            component(o, "symptoms", "Associated symptoms", text(words(entry.symptoms)));
        }
        if (entry.movementResponse != null) {
            component(o, "movement-response", "Response to movement", text(words(entry.movementResponse)));
        }
        if (entry.triggers.length > 0 || entry.triggersText != null) {
            component(o, "triggers", "Triggers", text(join(words(entry.triggers), entry.triggersText)));
        }
        if (entry.relievingFactors.length > 0 || entry.relievingText != null) {
            component(o, "relieving-factors", "Relieving factors", text(join(words(entry.relievingFactors), entry.relievingText)));
        }
        for (Treatment treatment : PainEntries.treatments(entry)) {
            component(o, treatment.kind(), words(treatment.kind()), text(treatment.name()
                    + (treatment.dose() == null ? "" : " " + treatment.dose()) + ": " + words(treatment.effect())));
        }
        if (entry.mood != null) {
            component(o, "mood", "Mood (0–10)", new IntegerType(entry.mood));
        }
        if (entry.stress != null) {
            component(o, "stress", "Stress (0–10)", new IntegerType(entry.stress));
        }
        if (assessment != null) {
            component(o, "soreness-assessment", "Normal soreness or concerning pain",
                    new CodeableConcept(new Coding(CODES, assessment.kind().name().toLowerCase(Locale.ROOT),
                            words(assessment.kind().name().toLowerCase(Locale.ROOT)))).setText(assessment.reason()));
        }
        if (entry.note != null) {
            o.addNote().setText(entry.note);
        }
        narrative(o, "Pain " + entry.intensity + "/10 (" + words(entry.locations) + "; " + words(entry.qualities) + ")"
                + (assessment == null ? "" : ": " + assessment.reason()));
        return o;
    }

    static Procedure procedure(Wearer wearer, ExerciseEntry entry, Reference subject) {
        Procedure p = new Procedure();
        p.setId(id(wearer, "Procedure", entry.id));
        p.addIdentifier().setSystem(CODES + "/exercise-entry").setValue(entry.id);
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(new CodeableConcept(new Coding(CODES, entry.activity, words(entry.activity)))
                .setText("Exercise: " + words(entry.activity) + (entry.exerciseName == null ? "" : " (" + entry.exerciseName + ")")));
        p.setSubject(subject);
        p.setPerformed(new Period().setStartElement(instant(entry.startedAt)).setEndElement(instant(entry.endedAt)));
        StringBuilder details = new StringBuilder(ExerciseEntry.BELT.equals(entry.source) ? "Recorded by the belt" : "Entered manually");
        details.append(String.format(Locale.ROOT, "; training volume %.1f min", entry.volumeMs / 60_000.0));
        if (entry.sets != null) {
            details.append("; ").append(entry.sets).append(" sets");
        }
        if (entry.reps != null) {
            details.append("; ").append(entry.reps).append(" reps");
        }
        if (entry.loadKg != null) {
            details.append(String.format(Locale.ROOT, "; %.1f kg", entry.loadKg));
        }
        if (entry.rpe != null) {
            details.append("; RPE ").append(entry.rpe);
        }
        if (entry.equipment != null) {
            details.append("; ").append(entry.equipment);
        }
        p.addNote().setText(details.toString());
        narrative(p, "Exercise: " + words(entry.activity) + ". " + details);
        return p;
    }

    static Observation formScore(Wearer wearer, ExerciseEntry entry, Reference subject, Procedure procedure) {
        Observation o = new Observation();
        o.setId(id(wearer, "Observation", "form-" + entry.id));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "activity", "Activity")));
        o.setCode(new CodeableConcept(new Coding(CODES, "form-score", "Exercise form score"))
                .setText("Exercise form score: share of reps or hold time free of form faults"));
        o.setSubject(subject);
        o.addPartOf(reference(procedure));
        o.setEffective(new Period().setStartElement(instant(entry.startedAt)).setEndElement(instant(entry.endedAt)));
        o.setValue(new Quantity().setValue(entry.formScore).setUnit("%").setSystem(UCUM).setCode("%"));
        if (entry.reps != null) {
            component(o, "reps", "Repetitions", new IntegerType(entry.reps));
        }
        if (entry.timeUnderLoadSeconds != null) {
            component(o, "time-under-load", "Time under load", new Quantity().setValue(BigDecimal.valueOf(entry.timeUnderLoadSeconds))
                    .setUnit("s").setSystem(UCUM).setCode("s"));
        }
        ExerciseEntries.faults(entry).forEach((code, count) ->
                component(o, "fault-" + code, "Form fault " + code + " (episodes)", new IntegerType(count)));
        narrative(o, "Form score " + entry.formScore + " % (" + words(entry.activity) + ")");
        return o;
    }

    static Flag flag(Wearer wearer, PainRedFlag flag, Reference subject) {
        Flag f = new Flag();
        f.setId(id(wearer, "Flag", flag.painEntryId + "/" + flag.code));
        f.setStatus(Flag.FlagStatus.ACTIVE);
        f.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY, "clinical", "Clinical")));
        f.setCode(new CodeableConcept(new Coding(CODES, flag.code, words(flag.code)))
                .setText(flag.severity + ": " + flag.reason));
        f.setSubject(subject);
        f.setPeriod(new Period().setStartElement(instant(flag.recordedAt)));
        narrative(f, "Red flag (" + flag.severity + "): " + flag.reason);
        return f;
    }

    private static void component(Observation o, String code, String display, Type value) {
        o.addComponent().setCode(new CodeableConcept(new Coding(CODES, code, display)).setText(display)).setValue(value);
    }

    /** A one-line human-readable narrative (dom-6), for systems that only display. */
    private static void narrative(DomainResource resource, String text) {
        resource.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + escape(text) + "</div>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdElement().getIdPart()).setResource(resource);
    }

    private static Reference reference(Resource resource) {
        return new Reference("urn:uuid:" + resource.getIdElement().getIdPart());
    }

    private static String id(Wearer wearer, String type, String localId) {
        return EventIds.deterministic("fhir", wearer.clinicId, type, localId);
    }

    private static DateTimeType instant(Instant at) {
        DateTimeType type = new DateTimeType(Date.from(at));
        type.setTimeZone(TimeZone.getTimeZone("UTC"));
        return type;
    }

    private static StringType text(String value) {
        return new StringType(value);
    }

    private static String words(String code) {
        return code.replace('_', ' ');
    }

    private static String words(String[] codes) {
        return Arrays.stream(codes).map(FhirExport::words).collect(Collectors.joining(", "));
    }

    private static String join(String codes, String text) {
        return codes.isEmpty() ? (text == null ? "" : text) : text == null ? codes : codes + "; " + text;
    }
}
