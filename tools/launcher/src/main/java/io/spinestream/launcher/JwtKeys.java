package io.spinestream.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local RSA-2048 key pair that signs the tokens of {@code spinestream token} and that the
 * services verify them with: {@code jwt-private.pem} (PKCS#8, mode 600) and {@code jwt-public.pem}
 * (X.509 SubjectPublicKeyInfo). Generated once; later calls keep the existing keys.
 */
public final class JwtKeys {

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private final Path privateKeyFile;
    private final Path publicKeyFile;

    public JwtKeys(Path privateKeyFile, Path publicKeyFile) {
        this.privateKeyFile = privateKeyFile;
        this.publicKeyFile = publicKeyFile;
    }

    public static JwtKeys of(Workspace ws) {
        return new JwtKeys(ws.privateKeyFile(), ws.publicKeyFile());
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /**
     * Makes sure both key files exist.
     *
     * @return true if a new pair was generated (or the public key re-derived), false if both existed
     */
    public synchronized boolean ensure() throws IOException {
        boolean havePrivate = Files.isRegularFile(privateKeyFile);
        boolean havePublic = Files.isRegularFile(publicKeyFile);
        if (havePrivate && havePublic) {
            return false;
        }
        PrivateFiles.createPrivateDirectory(privateKeyFile.getParent());
        PrivateFiles.createPrivateDirectory(publicKeyFile.getParent());
        try {
            if (havePrivate) {
                // the public half can be recomputed from the private key
                PrivateFiles.writeAtomically(publicKeyFile, pem(PUBLIC_LABEL, derivePublic(privateKey()).getEncoded()), false);
                return true;
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            PrivateFiles.writeAtomically(privateKeyFile, pem(PRIVATE_LABEL, pair.getPrivate().getEncoded()), true);
            PrivateFiles.writeAtomically(publicKeyFile, pem(PUBLIC_LABEL, pair.getPublic().getEncoded()), false);
            return true;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate the JWT key pair", e);
        }
    }

    public PrivateKey privateKey() throws IOException {
        try {
            byte[] der = readPem(privateKeyFile, PRIVATE_LABEL);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the private key " + privateKeyFile, e);
        }
    }

    public PublicKey publicKey() throws IOException {
        try {
            byte[] der = readPem(publicKeyFile, PUBLIC_LABEL);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the public key " + publicKeyFile, e);
        }
    }

    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("the private key does not carry its public exponent");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM file with a '" + label + "' block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
