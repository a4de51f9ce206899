package io.spinestream.e2e.security;

/** What an operation's request names of clinic A, and so what a caller of clinic B must get from it. */
enum Scope {

    /** Creates in the caller's own clinic and names nothing of clinic A: clinic B creates its own, nothing to check. */
    CREATES,
    /** Lists the caller's clinic: clinic B gets an answer with none of clinic A's items. */
    CLINIC_ITEMS,
    /** Names a resource of clinic A (in the path): clinic B gets 404, as for an absent one. */
    RESOURCE,
    /**
     * Names a wearer of clinic A in a service that keeps no register of wearers (form-analysis): clinic B
     * gets what any unknown wearer gets — 404, or an answer with none of clinic A's items
     * (docs/form-analysis.md: "a clinic without data of the wearer gets an empty report").
     */
    WEARER_DATA
}
