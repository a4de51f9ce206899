package io.spinestream.ingest.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored belt credential: its key id and hash, never the credential itself. */
@Entity
@Table(name = "belt_credential")
public class BeltCredential {

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "belt_id", nullable = false)
    public String beltId;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
