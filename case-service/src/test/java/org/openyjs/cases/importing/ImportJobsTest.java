package org.openyjs.cases.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader routes each line by its child id without parsing it into a tree: it must find what the parser will. */
class ImportJobsTest {

    @Test
    void the_child_id_is_the_one_in_data_whatever_else_the_line_holds() {
        assertThat(ImportJobs.childIdOf("""
                {"rowId":"r1","type":"RecordOffence","data":{"offence":{"childId":"not-me"},"childId":"c-7","x":[1,{"childId":"no"}]}}"""))
                .isEqualTo("c-7");
        assertThat(ImportJobs.childIdOf("""
                {"childId":"top-level","data":{"childId":"c-8"}}""")).isEqualTo("c-8");
    }

    @Test
    void of_two_child_ids_the_last_counts_as_the_parser_keeps_it_and_a_number_is_read_as_text() {
        assertThat(ImportJobs.childIdOf("""
                {"data":{"childId":"first","childId":"second"}}""")).isEqualTo("second");
        assertThat(ImportJobs.childIdOf("""
                {"data":{"childId":12345}}""")).isEqualTo("12345");
    }

    @Test
    void a_line_without_one_routes_as_empty_for_its_worker_to_reject() {
        assertThat(ImportJobs.childIdOf("{\"rowId\":\"r1\",\"data\":{")).isEmpty();
        assertThat(ImportJobs.childIdOf("not json")).isEmpty();
        assertThat(ImportJobs.childIdOf("[1,2]")).isEmpty();
        assertThat(ImportJobs.childIdOf("{\"data\":{\"childId\":{\"nested\":true}}}")).isEmpty();
    }
}
