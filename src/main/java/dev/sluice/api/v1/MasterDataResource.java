package dev.sluice.api.v1;

import dev.sluice.api.Cursors;
import dev.sluice.api.v1.generated.MasterDataApi;
import dev.sluice.api.v1.model.Currency;
import dev.sluice.api.v1.model.CurrencyPage;
import dev.sluice.api.v1.model.Customer;
import dev.sluice.api.v1.model.CustomerPage;
import dev.sluice.api.v1.model.Employee;
import dev.sluice.api.v1.model.EmployeePage;
import dev.sluice.api.v1.model.GlAccount;
import dev.sluice.api.v1.model.GlAccountPage;
import dev.sluice.api.v1.model.Item;
import dev.sluice.api.v1.model.ItemPage;
import dev.sluice.api.v1.model.LegalEntity;
import dev.sluice.api.v1.model.LegalEntityPage;
import dev.sluice.api.v1.model.TaxCode;
import dev.sluice.api.v1.model.TaxCodePage;
import dev.sluice.domain.MasterDataType;
import dev.sluice.domain.MasterRecord;
import dev.sluice.domain.Page;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.masterdata.MasterData;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The ERP's master data, page by page in key order. The {@code after} cursor is opaque to
 * callers: they follow {@code next}.
 */
public class MasterDataResource implements MasterDataApi {

    private final MasterData masterData;
    private final ErpRouting routing;
    private final Cursors cursors;

    MasterDataResource(MasterData masterData, ErpRouting routing, Cursors cursors) {
        this.masterData = masterData;
        this.routing = routing;
        this.cursors = cursors;
    }

    @Override
    public Response listCustomers(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.CUSTOMERS, limit, after, MasterDataResource::customer,
                (items, next) -> new CustomerPage().items(items).next(next));
    }

    @Override
    public Response getCustomer(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.CUSTOMERS, code, MasterDataResource::customer);
    }

    @Override
    public Response listEmployees(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.EMPLOYEES, limit, after, MasterDataResource::employee,
                (items, next) -> new EmployeePage().items(items).next(next));
    }

    @Override
    public Response getEmployee(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.EMPLOYEES, code, MasterDataResource::employee);
    }

    @Override
    public Response listItems(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.ITEMS, limit, after, MasterDataResource::item,
                (items, next) -> new ItemPage().items(items).next(next));
    }

    @Override
    public Response getItem(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.ITEMS, code, MasterDataResource::item);
    }

    @Override
    public Response listLegalEntities(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.LEGAL_ENTITIES, limit, after, MasterDataResource::legalEntity,
                (items, next) -> new LegalEntityPage().items(items).next(next));
    }

    @Override
    public Response getLegalEntity(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.LEGAL_ENTITIES, code, MasterDataResource::legalEntity);
    }

    @Override
    public Response listCurrencies(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.CURRENCIES, limit, after, MasterDataResource::currency,
                (items, next) -> new CurrencyPage().items(items).next(next));
    }

    @Override
    public Response getCurrency(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.CURRENCIES, code, MasterDataResource::currency);
    }

    @Override
    public Response listTaxCodes(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.TAX_CODES, limit, after, MasterDataResource::taxCode,
                (items, next) -> new TaxCodePage().items(items).next(next));
    }

    @Override
    public Response getTaxCode(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.TAX_CODES, code, MasterDataResource::taxCode);
    }

    @Override
    public Response listGlAccounts(Integer limit, String after, String legalEntity, String correlationId,
            String traceparent) {
        return page(legalEntity, MasterDataType.GL_ACCOUNTS, limit, after, MasterDataResource::glAccount,
                (items, next) -> new GlAccountPage().items(items).next(next));
    }

    @Override
    public Response getGlAccount(String code, String legalEntity, String correlationId, String traceparent) {
        return one(legalEntity, MasterDataType.GL_ACCOUNTS, code, MasterDataResource::glAccount);
    }

    private <T extends MasterRecord, M> Response page(String legalEntity, MasterDataType<T> type, Integer limit,
            String after, Function<T, M> toModel, BiFunction<List<M>, String, Object> toPage) {
        Page<T> page = masterData.list(routing.backendNameFor(legalEntity), type,
                after == null ? null : cursors.decode(after), limit);
        String next = page.nextAfter() == null ? null
                : "/api/v1/master-data/" + type.name() + "?limit=" + limit
                        + (legalEntity == null ? "" : "&legalEntity=" + legalEntity)
                        + "&after=" + cursors.encode(page.nextAfter());
        return Response.ok(toPage.apply(page.items().stream().map(toModel).toList(), next)).build();
    }

    private <T extends MasterRecord, M> Response one(String legalEntity, MasterDataType<T> type, String code,
            Function<T, M> toModel) {
        return masterData.find(routing.backendNameFor(legalEntity), type, code)
                .map(r -> Response.ok(toModel.apply(r)).build())
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND,
                        "The ERP has no " + type.name() + " record " + code));
    }

    /** The key and a checksum of it, so a cursor changed on the way back is refused, not misread. */
    private static Customer customer(MasterRecord.Customer c) {
        return new Customer().customerNumber(c.customerNumber()).name(c.name())
                .status(Customer.StatusEnum.valueOf(c.status().name())).currency(c.currency());
    }

    private static Employee employee(MasterRecord.Employee e) {
        return new Employee().employeeNumber(e.employeeNumber()).name(e.name()).role(e.role())
                .costRate(ApiMapper.text(e.costRate())).currency(e.currency()).legalEntity(e.legalEntity())
                .status(Employee.StatusEnum.valueOf(e.status().name())).terminationDate(e.terminationDate());
    }

    private static Item item(MasterRecord.Item i) {
        return new Item().itemNumber(i.itemNumber()).name(i.name()).type(Item.TypeEnum.valueOf(i.type().name()));
    }

    private static LegalEntity legalEntity(MasterRecord.LegalEntity l) {
        return new LegalEntity().code(l.code()).name(l.name()).currency(l.currency());
    }

    private static Currency currency(MasterRecord.Currency c) {
        return new Currency().code(c.code()).minorUnits(c.minorUnits());
    }

    private static TaxCode taxCode(MasterRecord.TaxCode t) {
        return new TaxCode().code(t.code()).rate(ApiMapper.text(t.rate()));
    }

    private static GlAccount glAccount(MasterRecord.GlAccount g) {
        return new GlAccount().number(g.number()).name(g.name()).type(GlAccount.TypeEnum.valueOf(g.type().name()));
    }
}
