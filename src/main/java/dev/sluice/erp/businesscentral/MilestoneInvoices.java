package dev.sluice.erp.businesscentral;

import static dev.sluice.erp.businesscentral.BcSchema.Field.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.Violation;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Milestones as Business Central sales invoices. A contract's milestone becomes a draft invoice
 * (its customer, currency, item and amount), which holds the milestone's terms in BC without
 * touching the ledger; the customer's acceptance posts it ({@code Microsoft.NAV.post}). The draft's
 * {@code externalDocumentNumber} is derived from contract and milestone, so every repeat (a
 * redelivery, a second acceptance) finds the same invoice and posts nothing twice.
 */
final class MilestoneInvoices {

    static final String DRAFT = "SALES_INVOICE_DRAFT";
    static final String POSTED = "SALES_INVOICE";
    private static final String STATUS_DRAFT = "Draft";

    private final BcClient client;
    private final String backend;

    MilestoneInvoices(BcClient client, String backend) {
        this.client = client;
        this.backend = backend;
    }

    /** The milestone's draft invoice, made now unless a delivery before made it. */
    ErpReference draft(UpsertContract contract, ContractLineTerms line, MilestoneTerms milestone, String pointer) {
        String key = ExternalKeys.milestone(contract.contractNumber(), milestone.milestoneCode());
        try {
            JsonNode invoice = find(key).orElseGet(() -> client.create(new EntityBody(BcSchema.EntitySet.SALES_INVOICES)
                    .put(INVOICE_EXTERNAL_DOCUMENT_NUMBER, key)
                    .put(INVOICE_CONTRACT_REFERENCE, contract.contractNumber())
                    .put(INVOICE_CUSTOMER_NUMBER, contract.customerNumber())
                    .put(INVOICE_CURRENCY, contract.currency())));
            String lines = BcClient.entity(BcSchema.EntitySet.SALES_INVOICES, invoice.path("id").asText()) + "/"
                    + BcSchema.EntitySet.SALES_INVOICE_LINES.path();
            List<JsonNode> existing = client.all(lines, ODataQuery.all());
            if (existing.isEmpty()) {
                // a first delivery that stopped between header and line left an empty draft: complete it
                client.create(lines, new EntityBody(BcSchema.EntitySet.SALES_INVOICE_LINES)
                        .put(INVOICE_LINE_TYPE, "Item")
                        .put(INVOICE_LINE_ITEM_NUMBER, line.itemNumber())
                        .put(INVOICE_LINE_DESCRIPTION, INVOICE_LINE_DESCRIPTION.fit(
                                milestone.milestoneCode() + " " + milestone.name()))
                        .put(INVOICE_LINE_QUANTITY, BigDecimal.ONE)
                        .put(INVOICE_LINE_UNIT_PRICE, milestone.amount()));
            } else {
                BigDecimal held = existing.stream()
                        .map(l -> decimal(l, INVOICE_LINE_QUANTITY).multiply(decimal(l, INVOICE_LINE_UNIT_PRICE)))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (held.compareTo(milestone.amount()) != 0) {
                    throw new RefusedPosting("Business Central already holds milestone " + milestone.milestoneCode()
                            + " with another amount", new Violation(pointer + "/amount", "MILESTONE_AMOUNT_CHANGED",
                            "invoice " + text(invoice, INVOICE_NUMBER) + " holds " + held.toPlainString()
                                    + "; change its amount in Business Central"));
                }
            }
            return reference(invoice);
        } catch (BcRefusal refusal) {
            throw RefusedPosting.of(refusal, pointer);
        }
    }

    /**
     * Progress is not something BC's API holds, so it posts nothing; an acceptance posts the
     * milestone's draft invoice, or answers the invoice an earlier acceptance posted.
     */
    PostingOutcome complete(CompleteMilestone completion) {
        if (!completion.accepted()) {
            return new PostingOutcome.Posted(List.of());
        }
        String key = ExternalKeys.milestone(completion.projectCode(), completion.milestoneCode());
        Optional<JsonNode> found = find(key);
        if (found.isEmpty()) {
            return new RefusedPosting("Business Central holds no invoice for milestone "
                    + completion.milestoneCode() + " of " + completion.projectCode(),
                    new Violation("path:milestoneCode", "UNKNOWN_MILESTONE", "no sales invoice with external document"
                            + " number " + key + "; milestones are completed under the contract's number, since"
                            + " Business Central cannot link a project to its contract")).outcome();
        }
        JsonNode invoice = found.get();
        String status = text(invoice, INVOICE_STATUS);
        if ("Canceled".equals(status) || "Corrective".equals(status)) {
            return new RefusedPosting("The milestone's invoice " + text(invoice, INVOICE_NUMBER)
                    + " was cancelled in Business Central", new Violation("path:milestoneCode", "INVOICE_CANCELLED",
                    "invoice " + text(invoice, INVOICE_NUMBER) + " is " + status)).outcome();
        }
        if (STATUS_DRAFT.equals(status)) {
            try {
                client.invoke(BcSchema.BoundAction.POST_SALES_INVOICE, invoice.path("id").asText());
            } catch (BcRefusal refusal) {
                return RefusedPosting.of(refusal, "").outcome();
            }
            // posting gives the invoice its posted number; the external document number stays
            invoice = find(key).filter(i -> !STATUS_DRAFT.equals(text(i, INVOICE_STATUS)))
                    .orElseThrow(() -> new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR,
                            backend + " accepted posting invoice " + key + " but still shows it as a draft"));
        }
        return new PostingOutcome.Posted(List.of(reference(invoice)));
    }

    private Optional<JsonNode> find(String key) {
        return client.first(INVOICE_EXTERNAL_DOCUMENT_NUMBER, key);
    }

    private ErpReference reference(JsonNode invoice) {
        return new ErpReference(backend, STATUS_DRAFT.equals(text(invoice, INVOICE_STATUS)) ? DRAFT : POSTED,
                text(invoice, INVOICE_NUMBER));
    }

    private static String text(JsonNode node, BcSchema.Field field) {
        return MasterDataMapping.text(node, field);
    }

    private static BigDecimal decimal(JsonNode node, BcSchema.Field field) {
        JsonNode value = node.path(field.property());
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText("0"));
    }
}
