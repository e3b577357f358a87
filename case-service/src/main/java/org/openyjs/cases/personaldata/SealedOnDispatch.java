package org.openyjs.cases.personaldata;

/**
 * A command whose personal data is still in clear, from a sender with no request to seal it in (a row
 * of an import): it is replaced by the sealed command as it is dispatched, on the sender's thread and in
 * its transaction, so handlers, events and the command audit only ever see the sealed command, exactly
 * the one the REST API sends ({@link SealingConfiguration}). Implementations keep their details out of
 * {@code toString}.
 */
public interface SealedOnDispatch {

    String childId();

    /** The command the REST API would send, with the personal data sealed. */
    Object seal(PersonalDataSealer sealer);
}
