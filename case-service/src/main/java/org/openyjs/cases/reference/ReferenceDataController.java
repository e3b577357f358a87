package org.openyjs.cases.reference;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/reference")
public class ReferenceDataController {

    private final ReferenceData referenceData;

    public ReferenceDataController(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @Operation(summary = "The outcome types, with the dates each is in force")
    @GetMapping("/outcomes")
    public List<OutcomeType> outcomes() {
        return referenceData.outcomeTypes();
    }

    @Operation(summary = "The ethnicity codes (2021 census categories), with the dates each is in force")
    @GetMapping("/ethnicities")
    public List<ReferenceData.Code> ethnicities() {
        return referenceData.ethnicities();
    }

    @Operation(summary = "The offence categories, with the dates each is in force")
    @GetMapping("/offence-categories")
    public List<ReferenceData.Code> offenceCategories() {
        return referenceData.offenceCategories();
    }

    @Operation(summary = "The intervention and order types, their kind and the dates each is in force")
    @GetMapping("/order-types")
    public List<ReferenceData.OrderType> orderTypes() {
        return referenceData.orderTypes();
    }
}
