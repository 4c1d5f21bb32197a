package dev.sluice.erp.businesscentral;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A JSON body for one entity set, written only through {@link BcSchema.Field}s of that set, so
 * nothing the registry does not name can reach Business Central.
 */
final class EntityBody {

    private final BcSchema.EntitySet set;
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    EntityBody(BcSchema.EntitySet set) {
        this.set = set;
    }

    BcSchema.EntitySet set() {
        return set;
    }

    EntityBody put(BcSchema.Field field, String value) {
        node.put(own(field), value);
        return this;
    }

    EntityBody put(BcSchema.Field field, BigDecimal value) {
        // Edm.Decimal goes as a JSON number; BigDecimal keeps the exact digits
        node.put(own(field), value);
        return this;
    }

    EntityBody put(BcSchema.Field field, LocalDate value) {
        node.put(own(field), value.toString());
        return this;
    }

    boolean isEmpty() {
        return node.isEmpty();
    }

    ObjectNode json() {
        return node.deepCopy();
    }

    private String own(BcSchema.Field field) {
        if (field.set() != set) {
            throw new IllegalArgumentException(field + " is a property of " + field.set().path() + ", not of "
                    + set.path());
        }
        return field.property();
    }
}
