package dev.sluice.erp.netsuite;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.BillingMethod;
import dev.sluice.domain.ContractLineTerms;
import dev.sluice.domain.LineChange;
import dev.sluice.domain.MilestoneTerms;
import dev.sluice.domain.ModificationType;
import dev.sluice.domain.RoleRate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the adapter writes as text on a contract's sales orders, for the terms NetSuite has no field
 * for, and how it reads that text back. Each order line's {@code description} is a {@link LineText}:
 * <ul>
 * <li>{@code line <n> <billing method>}: the contract line (always first on a contract line's order line);</li>
 * <li>{@code added-by <change order>}: on lines a change order adds;</li>
 * <li>{@code order-amount amount|not-to-exceed|none}: what the order line's {@code amount} stands for
 * (lines without milestones; a time-and-materials line without an amount has its ceiling, or 0, there);</li>
 * <li>{@code not-to-exceed <v>}, {@code estimated-cost <v>}, {@code amount <v>}: these terms where no order
 * field holds them (a ceiling next to an amount; a milestone line's cost and an amount its milestones do not add up to);</li>
 * <li>{@code rate <role> <rate>/h}: one per role;</li>
 * <li>{@code description <text>};</li>
 * <li>{@code milestone <code> [<name>]} and {@code due <date>}: on milestone order lines;</li>
 * <li>{@code amends <n>}, {@code change-order <co>}, {@code not-to-exceed-delta <±v>}: a change order's delta line
 * (its amount and cost deltas are the line's {@code amount} and {@code costEstimate}).</li>
 * </ul>
 * The change order's {@code memo} is {@code Change order <co> to contract <c> (<modification type>)[: <description>]}.
 */
final class Descriptions {

    static final String LINE = "line";
    static final String ADDED_BY = "added-by";
    static final String ORDER_AMOUNT = "order-amount";
    static final String NOT_TO_EXCEED = "not-to-exceed";
    static final String ESTIMATED_COST = "estimated-cost";
    static final String AMOUNT = "amount";
    static final String RATE = "rate";
    static final String DESCRIPTION = "description";
    static final String MILESTONE = "milestone";
    static final String DUE = "due";
    static final String AMENDS = "amends";
    static final String CHANGE_ORDER = "change-order";
    static final String NOT_TO_EXCEED_DELTA = "not-to-exceed-delta";
    static final String NONE = "none";

    private Descriptions() {
    }

    /** A contract line without milestones: its order line's description. */
    static String line(String changeOrder, ContractLineTerms terms) {
        List<LineText.Field> fields = head(changeOrder, terms);
        String holds = terms.amount() != null ? AMOUNT : terms.notToExceed() != null ? NOT_TO_EXCEED : NONE;
        fields.add(LineText.Field.of(ORDER_AMOUNT, holds));
        if (terms.notToExceed() != null && terms.amount() != null) {
            fields.add(LineText.Field.of(NOT_TO_EXCEED, terms.notToExceed().toPlainString()));
        }
        tail(fields, terms);
        return LineText.format(fields);
    }

    /** One milestone of a milestone line: its order line's description. */
    static String milestoneLine(String changeOrder, ContractLineTerms terms, MilestoneTerms milestone) {
        List<LineText.Field> fields = head(changeOrder, terms);
        BigDecimal total = terms.milestones().stream().map(MilestoneTerms::amount)
                .reduce(BigDecimal.ZERO, (a, b) -> b == null ? a : a.add(b));
        if (terms.amount() != null && terms.amount().compareTo(total) != 0) {
            fields.add(LineText.Field.of(AMOUNT, terms.amount().toPlainString()));
        }
        if (terms.notToExceed() != null) {
            fields.add(LineText.Field.of(NOT_TO_EXCEED, terms.notToExceed().toPlainString()));
        }
        if (terms.estimatedCost() != null) {
            fields.add(LineText.Field.of(ESTIMATED_COST, terms.estimatedCost().toPlainString()));
        }
        fields.add(milestone.name() == null ? LineText.Field.of(MILESTONE, milestone.milestoneCode())
                : LineText.Field.of(MILESTONE, milestone.milestoneCode(), milestone.name()));
        if (milestone.dueDate() != null) {
            fields.add(LineText.Field.of(DUE, milestone.dueDate().toString()));
        }
        tail(fields, terms);
        return LineText.format(fields);
    }

    /** A change order's amendment of a line: its delta line's description. */
    static String amendment(String changeOrder, LineChange delta) {
        List<LineText.Field> fields = new ArrayList<>();
        fields.add(LineText.Field.of(AMENDS, Integer.toString(delta.lineNumber())));
        fields.add(LineText.Field.of(CHANGE_ORDER, changeOrder));
        if (delta.notToExceedDelta() != null) {
            fields.add(LineText.Field.of(NOT_TO_EXCEED_DELTA, signed(delta.notToExceedDelta())));
        }
        return LineText.format(fields);
    }

    /** The memo of a change order's sales order. */
    static String changeOrderMemo(AmendContract change) {
        return "Change order " + change.changeOrderNumber() + " to contract " + change.contractNumber() + " ("
                + change.modificationType() + ")" + (change.description() == null ? "" : ": " + change.description());
    }

    /**
     * The modification type a change order's memo names: the one in parentheses right after the
     * prefix this adapter writes, else the first type the memo names anywhere (someone edited it).
     */
    static Optional<ModificationType> modificationType(String memo, String changeOrder, String contract) {
        if (memo == null) {
            return Optional.empty();
        }
        String prefix = "Change order " + changeOrder + " to contract " + contract + " (";
        if (memo.startsWith(prefix)) {
            int close = memo.indexOf(')', prefix.length());
            if (close > 0) {
                Optional<ModificationType> type = modificationType(memo.substring(prefix.length(), close));
                if (type.isPresent()) {
                    return type;
                }
            }
        }
        for (ModificationType type : ModificationType.values()) {
            if (memo.contains(type.name())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The billing method a parsed {@code line} field names, if it is one. */
    static Optional<BillingMethod> billingMethod(LineText.Fields fields) {
        return fields.first(LINE).flatMap(f -> f.value(1)).flatMap(name -> {
            try {
                return Optional.of(BillingMethod.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        });
    }

    /** The rates the {@code rate} fields name. */
    static List<RoleRate> rates(LineText.Fields fields) {
        List<RoleRate> rates = new ArrayList<>();
        for (LineText.Field field : fields.every(RATE)) {
            Optional<String> role = field.value(0);
            Optional<BigDecimal> rate = field.value(1).map(v -> v.endsWith("/h") ? v.substring(0, v.length() - 2) : v)
                    .flatMap(Descriptions::decimal);
            if (role.isPresent() && rate.isPresent()) {
                rates.add(new RoleRate(role.get(), rate.get()));
            }
        }
        return rates;
    }

    /** The decimal value of a field, if it has one. */
    static Optional<BigDecimal> decimal(LineText.Fields fields, String key) {
        return fields.first(key).flatMap(f -> f.value(0)).flatMap(Descriptions::decimal);
    }

    static Optional<String> text(LineText.Fields fields, String key, int index) {
        return fields.first(key).flatMap(f -> f.value(index));
    }

    static Optional<BigDecimal> decimal(String value) {
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<ModificationType> modificationType(String name) {
        try {
            return Optional.of(ModificationType.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static List<LineText.Field> head(String changeOrder, ContractLineTerms terms) {
        List<LineText.Field> fields = new ArrayList<>();
        fields.add(LineText.Field.of(LINE, Integer.toString(terms.lineNumber()), terms.billingMethod().name()));
        if (changeOrder != null) {
            fields.add(LineText.Field.of(ADDED_BY, changeOrder));
        }
        return fields;
    }

    private static void tail(List<LineText.Field> fields, ContractLineTerms terms) {
        for (RoleRate rate : terms.rates()) {
            fields.add(LineText.Field.of(RATE, rate.role(), rate.hourlyRate().toPlainString() + "/h"));
        }
        if (terms.description() != null) {
            fields.add(LineText.Field.of(DESCRIPTION, terms.description()));
        }
    }

    private static String signed(BigDecimal value) {
        return (value.signum() >= 0 ? "+" : "") + value.toPlainString();
    }
}
