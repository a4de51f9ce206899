package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class TokenCommandTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SpinestreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = root.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    private Path keys() {
        return root.resolve(".spinestream/keys");
    }

    /** Reads the public key the way a service does: an X.509 SubjectPublicKeyInfo PEM. */
    private PublicKey publicKeyFromPem() throws Exception {
        String pem = Files.readString(keys().resolve("jwt-public.pem"), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String b64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    private JwtClaims verify(String token, PublicKey key) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("https://spinestream.local")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build();
        return consumer.processToClaims(token);
    }

    @Test
    void givenNoKeys_whenATokenIsRequested_thenItVerifiesWithTheGeneratedPublicKeyAndCarriesTheClaims() throws Exception {
        int code = run("token", "--role", "clinician", "--clinic", "clinic-7", "--ttl", "30m");

        assertThat(code).as(err.toString()).isZero();
        String token = out.toString().trim();
        assertThat(token.split("\\.")).hasSize(3);
        JwtClaims claims = verify(token, publicKeyFromPem());
        assertThat(claims.getIssuer()).isEqualTo("https://spinestream.local");
        assertThat(claims.getSubject()).isEqualTo("local-clinician");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("local-clinician");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("clinician");
        assertThat(claims.getStringClaimValue("clinic")).isEqualTo("clinic-7");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(30 * 60);
        assertThat(Math.abs(claims.getIssuedAt().getValue() - System.currentTimeMillis() / 1000)).isLessThan(60);
        assertThat(err.toString()).contains("generated a JWT key pair");
    }

    @Test
    void givenASubject_whenATokenIsRequested_thenSubAndUpnAreThatSubject() throws Exception {
        int code = run("token", "--role", "wearer", "--clinic", "c1", "--subject", "wearer-42");

        assertThat(code).isZero();
        JwtClaims claims = verify(out.toString().trim(), publicKeyFromPem());
        assertThat(claims.getSubject()).isEqualTo("wearer-42");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("wearer-42");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("wearer");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(8 * 3600);
    }

    @Test
    void givenAnUnknownRole_whenATokenIsRequested_thenItFailsWithTheListOfRoles() {
        int code = run("token", "--role", "nurse", "--clinic", "c1");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Unknown role 'nurse'")
                .contains("admin, clinic_admin, clinician, wearer, integrator");
    }

    @Test
    void givenNoClinic_whenATokenIsRequested_thenItFails() {
        int code = run("token", "--role", "admin");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--clinic");
    }

    @Test
    void givenATokenWasIssued_whenTheKeyFilesAreInspected_thenThePrivateKeyIsPkcs8AndOnlyOwnerReadable() throws Exception {
        run("token", "--role", "admin", "--clinic", "c1");

        Path priv = keys().resolve("jwt-private.pem");
        String pem = Files.readString(priv, StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String b64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64))))
                .extracting(k -> ((java.security.interfaces.RSAKey) k).getModulus().bitLength()).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(List.of(keys().toFile().list())).containsExactlyInAnyOrder("jwt-private.pem", "jwt-public.pem");
    }
}
