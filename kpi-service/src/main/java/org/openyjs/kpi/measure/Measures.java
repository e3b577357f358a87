package org.openyjs.kpi.measure;

import org.openyjs.support.web.DomainRefusal;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/** Every measure bean, by name: adding a measure needs no change here. */
@Component
public class Measures {

    private final List<Measure> all;

    public Measures(List<Measure> measures) {
        this.all = measures.stream().sorted(Comparator.comparing(Measure::name)).toList();
    }

    public List<Measure> all() {
        return all;
    }

    public Measure named(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> DomainRefusal.notFound("measure", "no measure '" + name + "'; known: "
                        + all.stream().map(Measure::name).toList()));
    }
}
