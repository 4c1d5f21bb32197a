package dev.sluice.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An OAuth client as the gateway knows it: what the identity provider grants it (mirrored
 * here, so requests never wait for the provider) and what only the gateway keeps.
 */
@Entity
@Table(name = "oauth_client")
class OAuthClientRow extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    public String name;

    @Column(name = "owner_team")
    public String ownerTeam;

    public String contact;

    @Column(name = "rate_plan")
    public String ratePlan;

    /** Space-separated. */
    public String scopes;

    public boolean enabled;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
