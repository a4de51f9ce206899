-- Signing secrets encrypted at rest (AES-256-GCM, bound to the endpoint id; SecretCipher): the ciphertext
-- (nonce || ciphertext || tag) and the id of the key that sealed it, so that the master key can be rotated.
ALTER TABLE webhook_endpoint
    ADD COLUMN secret_key_id              VARCHAR(64),
    ADD COLUMN secret_ciphertext          BYTEA,
    ADD COLUMN previous_secret_key_id     VARCHAR(64),
    ADD COLUMN previous_secret_ciphertext BYTEA;

-- The plaintext columns stay for one release, empty: the service encrypts what they hold at start
-- (SecretsAtRest), and what an instance of the previous release writes during a rolling upgrade at its next
-- pass. A later release drops them.
ALTER TABLE webhook_endpoint ALTER COLUMN secret DROP NOT NULL;

ALTER TABLE webhook_endpoint
    ADD CONSTRAINT webhook_endpoint_has_secret CHECK (secret IS NOT NULL OR secret_ciphertext IS NOT NULL),
    ADD CONSTRAINT webhook_endpoint_secret_key CHECK ((secret_ciphertext IS NULL) = (secret_key_id IS NULL)),
    ADD CONSTRAINT webhook_endpoint_previous_secret_key
        CHECK ((previous_secret_ciphertext IS NULL) = (previous_secret_key_id IS NULL));
