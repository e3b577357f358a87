package org.openyjs.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * Loads the RSA signing key from configuration. Locally it is generated once into the data directory
 * (owner-only permissions) so tokens outlive a restart; it is never in the repository.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static RSAKey load(AuthServerProperties.SigningKey config) {
        if (config.jwk() != null && !config.jwk().isBlank()) {
            return parse(config.jwk(), "yjs.auth-server.signing-key.jwk");
        }
        if (config.file() == null) {
            throw new IllegalStateException("No signing key: set yjs.auth-server.signing-key.jwk "
                    + "(YJS_AUTH_SERVER_SIGNING_KEY_JWK) or yjs.auth-server.signing-key.file");
        }
        Path file = config.file().toAbsolutePath();
        try {
            if (Files.notExists(file)) {
                if (!config.generateIfMissing()) {
                    throw new IllegalStateException("Signing key file " + file + " does not exist");
                }
                generate(file);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first; use theirs
        }
        Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
        log.info("Generated a new signing key {} in {}", key.getKeyID(), file);
    }

    private static RSAKey parse(String json, String source) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
                throw new IllegalStateException("The signing key in " + source + " is not a private RSA JWK");
            }
            return rsa;
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key in " + source + " is not a JWK", e);
        }
    }
}
