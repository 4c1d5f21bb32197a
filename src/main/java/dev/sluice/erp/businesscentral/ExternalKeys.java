package dev.sluice.erp.businesscentral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code externalDocumentNumber} the adapter gives a document, derived only from what the
 * document is for, so a redelivery finds the document its first delivery made. Business Central
 * has no idempotency key; this number is how it recognises a repeat.
 */
final class ExternalKeys {

    private static final int LENGTH = BcSchema.Field.INVOICE_EXTERNAL_DOCUMENT_NUMBER.maxLength();

    private ExternalKeys() {
    }

    /**
     * The milestone invoice of a contract: {@code C-1001/M1} when it fits the field, otherwise
     * {@code SLC-} and a SHA-256 prefix of the same text (stable, and still unique in practice).
     */
    static String milestone(String contractNumber, String milestoneCode) {
        return fitted(contractNumber + "/" + milestoneCode);
    }

    static String fitted(String key) {
        if (key.length() <= LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ("SLC-" + HexFormat.of().formatHex(digest)).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
