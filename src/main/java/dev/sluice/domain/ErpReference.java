package dev.sluice.domain;

/** A document an ERP produced, as the ERP identifies it. */
public record ErpReference(String backend, String documentType, String documentId) {
}
