package dev.sluice.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the sandbox ERP's postings, to follow an amount back to what caused it. */
public final class SandboxBooks {

    /** One posting as the sandbox keeps it. */
    public record Posting(int lineNumber, String kind, BigDecimal amount, String rule, String documentId,
            UUID operationId, LocalDate effectiveDate) {
    }

    private final DataSource dataSource;

    public SandboxBooks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Posting> postings(String contractNumber) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select line_number, kind, amount, rule, document_id, operation_id, effective_date
                        from sandbox.posting where contract_number = ? order by id""")) {
            query.setString(1, contractNumber);
            List<Posting> postings = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    postings.add(new Posting(rows.getInt(1), rows.getString(2), rows.getBigDecimal(3),
                            rows.getString(4), rows.getString(5), (UUID) rows.getObject(6),
                            rows.getObject(7, LocalDate.class)));
                }
            }
            return postings;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Posting> postings(String contractNumber, int lineNumber, String kind) {
        return postings(contractNumber).stream()
                .filter(p -> p.lineNumber() == lineNumber && p.kind().equals(kind))
                .toList();
    }
}
