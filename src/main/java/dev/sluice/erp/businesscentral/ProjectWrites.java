package dev.sluice.erp.businesscentral;

import static dev.sluice.erp.businesscentral.BcSchema.Field.PROJECT_NAME;
import static dev.sluice.erp.businesscentral.BcSchema.Field.PROJECT_NUMBER;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.domain.Violation;
import dev.sluice.erp.PostingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Contracts and projects as Business Central projects. BC's API v2.0 project has a number and
 * a name only; a contract's milestone terms go to {@link MilestoneInvoices}, and what BC cannot
 * hold at all (percent-of-completion terms) is refused rather than kept on the gateway's side.
 */
final class ProjectWrites {

    static final String PROJECT = "PROJECT";

    private final BcClient client;
    private final MilestoneInvoices milestones;
    private final String backend;

    ProjectWrites(BcClient client, MilestoneInvoices milestones, String backend) {
        this.client = client;
        this.milestones = milestones;
        this.backend = backend;
    }

    PostingOutcome upsert(UpsertContract contract) {
        List<Violation> problems = new ArrayList<>();
        checkNumber(contract.contractNumber(), "/contractNumber", problems);
        for (int i = 0; i < contract.lines().size(); i++) {
            if (contract.lines().get(i).billingMethod() == BillingMethod.FIXED_FEE_PERCENT_COMPLETE) {
                problems.add(new Violation("/lines/" + i + "/billingMethod", "NOT_SUPPORTED_BY_ERP",
                        "Business Central's standard API has no revenue recognition by percent of completion;"
                                + " such a line cannot be held there"));
            }
        }
        if (!problems.isEmpty()) {
            return new PostingOutcome.Refused("Business Central cannot hold this contract as written", problems);
        }
        List<ErpReference> references = new ArrayList<>();
        references.add(project(contract.contractNumber(),
                contract.description() == null || contract.description().isBlank() ? contract.contractNumber()
                        : contract.description()));
        for (int i = 0; i < contract.lines().size(); i++) {
            ContractLineTerms line = contract.lines().get(i);
            for (int m = 0; m < line.milestones().size(); m++) {
                references.add(milestones.draft(contract, line, line.milestones().get(m),
                        "/lines/" + i + "/milestones/" + m));
            }
        }
        return new PostingOutcome.Posted(references);
    }

    PostingOutcome upsert(UpsertProject project) {
        List<Violation> problems = new ArrayList<>();
        checkNumber(project.projectCode(), "/projectCode", problems);
        if (!problems.isEmpty()) {
            return new PostingOutcome.Refused("Business Central cannot hold this project as written", problems);
        }
        if (project.contractNumber() != null && client.first(PROJECT_NUMBER, project.contractNumber()).isEmpty()) {
            return new RefusedPosting("Business Central has no project for contract "
                    + project.contractNumber(), new Violation("/contractNumber", "UNKNOWN_CONTRACT",
                    "no project numbered " + project.contractNumber() + " in Business Central")).outcome();
        }
        return new PostingOutcome.Posted(List.of(project(project.projectCode(), project.name())));
    }

    /** Creates the BC project, or renames it when its name differs (with its ETag); a repeat changes nothing. */
    private ErpReference project(String number, String name) {
        String displayName = PROJECT_NAME.fit(name);
        Optional<JsonNode> found = client.first(PROJECT_NUMBER, number);
        try {
            if (found.isEmpty()) {
                client.create(new EntityBody(BcSchema.EntitySet.PROJECTS)
                        .put(PROJECT_NUMBER, number)
                        .put(PROJECT_NAME, displayName));
            } else {
                client.update(BcSchema.EntitySet.PROJECTS, found.get(),
                        () -> client.first(PROJECT_NUMBER, number).orElseThrow(() -> new BcRefusal("BadRequest_NotFound",
                                "project " + number + " was deleted in Business Central while it was being updated")),
                        current -> displayName.equals(MasterDataMapping.text(current, PROJECT_NAME))
                                ? new EntityBody(BcSchema.EntitySet.PROJECTS)
                                : new EntityBody(BcSchema.EntitySet.PROJECTS).put(PROJECT_NAME, displayName));
            }
        } catch (BcRefusal refusal) {
            throw RefusedPosting.of(refusal, "");
        }
        return new ErpReference(backend, PROJECT, number);
    }

    private static void checkNumber(String number, String pointer, List<Violation> problems) {
        if (number.length() > PROJECT_NUMBER.maxLength()) {
            problems.add(new Violation(pointer, "TOO_LONG_FOR_ERP", "Business Central project numbers have at most "
                    + PROJECT_NUMBER.maxLength() + " characters"));
        }
    }
}
