package org.callrec.catalogue.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.callrec.spi.catalogue.PersonalDataSeal;

/**
 * A test seal on the JDK's AES-GCM and HMAC-SHA256 with fixed random keys: the catalogue module
 * sees only the SPI, so the core's Tink seal is not available here.
 */
final class TestSeal implements PersonalDataSeal {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec aeadKey;
    private final SecretKeySpec indexKey;

    TestSeal() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        aeadKey = new SecretKeySpec(key, "AES");
        random.nextBytes(key);
        indexKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String seal(String clear, String context) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aeadKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] whole = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, whole, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(whole);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        try {
            byte[] whole = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aeadKey,
                    new GCMParameterSpec(128, Arrays.copyOf(whole, 12)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(whole, 12, whole.length - 12),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not sealed by this seal for this context", e);
        }
    }

    @Override
    public String blindIndex(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(
                    normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
