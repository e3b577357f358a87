package org.openyjs.cases.childcase;

/** The shape of the ids on a child's case, one definition for the REST bodies and the import rows. */
public final class CaseIds {

    public static final String CHILD_ID = "^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$";
    public static final String CHILD_ID_MESSAGE = "must be 3 to 64 letters, digits, '-' or '_'";
    /** Offence, order, arrest, remand, referral, victim, ... ids. */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    public static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private CaseIds() {
    }
}
