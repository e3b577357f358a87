package org.openyjs.cases.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.io.UncheckedIOException;

/**
 * Seals personal data (a child's details, a victim's) with the child's own key before it goes into a
 * command, so the event store only ever holds it encrypted. Used by the REST API and by import rows alike.
 */
@Component
public class PersonalDataSealer {

    private final ChildKeys keys;
    private final ObjectMapper json;

    public PersonalDataSealer(ChildKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The details as JSON, encrypted with the child's key (made on first use); 410 once it was destroyed. */
    public String seal(String childId, Object details) {
        SecretKey key = keys.keyFor(childId).orElseThrow(() -> erased(childId));
        try {
            return PersonalDataCipher.encrypt(json.writeValueAsBytes(details), key, childId);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DomainRefusal erased(String childId) {
        return new DomainRefusal(null, "child " + childId + "'s personal data was erased", HttpStatus.GONE);
    }
}
