package io.spinestream.journal.shared;

import io.vertx.pgclient.PgException;

/** Recognising database failures a client caused (and may be told about). */
public final class Failures {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private Failures() {
    }

    /** Whether {@code failure} is, or was caused by, a violated unique constraint (a concurrent duplicate). */
    public static boolean isUniqueViolation(Throwable failure) {
        return isUniqueViolation(failure, null);
    }

    /** Whether {@code failure} is, or was caused by, a violation of the unique constraint {@code constraint} (any when null). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return constraint == null || constraint.equals(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && UNIQUE_VIOLATION.equals(c.getSQLState())
                    && (constraint == null || constraint.equals(c.getConstraintName()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} is, or was caused by, a violated foreign key: a row referred to (a wearer)
     * was deleted by a concurrent transaction (an erasure).
     */
    public static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && FOREIGN_KEY_VIOLATION.equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
