package org.openyjs.cases.childcase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseWritesTest {

    @Test
    void a_location_is_the_case_path_with_each_id_encoded() {
        assertThat(CaseWrites.location("c1", "offences", "o1")).hasToString("/cases/c1/offences/o1");
        // An id the case would refuse still makes a URI, so the refusal (not a malformed URI) is the answer.
        assertThat(CaseWrites.location("$where: '1 == 1'", "offences", "a/b"))
                .hasToString("/cases/$where:%20'1%20==%201'/offences/a%2Fb");
        assertThat(CaseWrites.location("#{7*7}", "offences", "${jndi:x}?y"))
                .hasToString("/cases/%23%7B7*7%7D/offences/$%7Bjndi:x%7D%3Fy");
    }
}
