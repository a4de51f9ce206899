package io.spinestream.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.journal.support.Fortnight;
import io.spinestream.journal.support.JournalApi;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.spinestream.journal.support.JournalApi.clinician;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class FhirExportTest {

    private static final String CLINIC = "clinic-a";
    private static Fortnight fortnight;
    private static String json;

    @BeforeEach
    void seedOnce() {
        if (fortnight != null) {
            return;
        }
        fortnight = Fortnight.seed(CLINIC);
        json = given().header("Authorization", clinician(CLINIC))
                .when().get("/v1/wearers/" + fortnight.wearer + "/fhir" + fortnight.query())
                .then().statusCode(200).contentType("application/fhir+json").extract().asString();
    }

    private static Bundle bundle() {
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
    }

    private static <T extends Resource> List<T> all(Class<T> type) {
        return bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void givenSeededFortnight_whenExported_thenTheHapiValidatorFindsNoError() {
        FhirContext context = FhirContext.forR4Cached();
        UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(context);
        // LOINC and the journal's own code system are not available offline: unknown, not wrong.
        unknownSystems.setNonExistentCodeSystemSeverity(org.hl7.fhir.common.hapi.validation.support
                .UnknownCodeSystemWarningValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownSystems);
        FhirValidator validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));

        ValidationResult result = validator.validateWithResult(json);

        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        result.getMessages().stream().filter(m -> !errors.contains(m))
                .forEach(m -> System.out.println("FHIR validation " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage()));
        assertThat(errors).as(() -> errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList().toString())
                .isEmpty();
    }

    @Test
    void givenSeededFortnight_whenExported_thenPatientPainObservationsSessionsAndFlags() {
        Bundle bundle = bundle();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);

        Patient patient = all(Patient.class).get(0);
        String patientUrl = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Patient)
                .findFirst().orElseThrow().getFullUrl();
        assertThat(all(Patient.class)).hasSize(1);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(fortnight.wearer);
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1980");

        List<Observation> pain = all(Observation.class).stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("72514-3")).toList();
        assertThat(pain).hasSize(7);
        assertThat(pain).allSatisfy(o -> {
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
            assertThat(o.getSubject().getReference()).isEqualTo(patientUrl);
            assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        });
        assertThat(pain).extracting(o -> ((Quantity) o.getValue()).getValue().intValue()).containsExactly(2, 3, 6, 2, 4, 9, 1);

        assertThat(all(Procedure.class)).hasSize(5)
                .allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED));
        assertThat(all(Observation.class).stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("form-score")))
                .extracting(o -> ((Quantity) o.getValue()).getValue().intValue()).containsExactly(70, 90);

        assertThat(all(Flag.class)).extracting(f -> f.getCode().getCodingFirstRep().getCode())
                .containsExactly("numbness", "severe_pain");
        assertThat(all(Flag.class)).allSatisfy(f -> assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE));
    }

    @Test
    void givenWearerWithoutConsent_whenExported_then409() {
        String wearer = JournalApi.createWearer(CLINIC);
        given().header("Authorization", clinician(CLINIC)).when().get("/v1/wearers/" + wearer + "/fhir")
                .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", clinician("clinic-b")).when().get("/v1/wearers/" + fortnight.wearer + "/fhir")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
