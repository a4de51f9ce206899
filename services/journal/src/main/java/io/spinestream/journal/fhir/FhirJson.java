package io.spinestream.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The FHIR R4 JSON encoder. Its context is costly to build (it scans the model), so it is built
 * on the first export, not at start, and kept.
 */
public final class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";

    private FhirJson() {
    }

    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4Cached();
    }

    public static FhirContext context() {
        return Holder.CONTEXT;
    }

    public static String encode(IBaseResource resource) {
        return context().newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }
}
