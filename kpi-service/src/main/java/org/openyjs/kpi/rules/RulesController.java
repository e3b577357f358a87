package org.openyjs.kpi.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/kpi/rules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Counting rules", description = "Every version of every measure's counting rule, with its effective dates")
public class RulesController {

    private final RuleBook rules;

    public RulesController(RuleBook rules) {
        this.rules = rules;
    }

    @GetMapping
    @Operation(summary = "All counting rule versions", description = "Ask for a figure with ruleVersion=n to reproduce "
            + "it under version n; without it a figure uses the version in force on the period's last day.")
    public List<CountingRule> all() {
        return rules.all();
    }
}
