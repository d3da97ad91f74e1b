package org.membercore.android;

import android.content.Context;
import android.content.SharedPreferences;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyPermanentlyInvalidatedException;
import android.security.keystore.KeyProperties;
import android.util.Base64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.membercore.SecureStorage;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * {@link SecureStorage} over the Android Keystore (API 23+): an AES-256 key generated inside
 * AndroidKeyStore (it never leaves it), used with AES/GCM; each value is stored encrypted in a
 * private SharedPreferences file as Base64 of {@code ivLength || iv || ciphertext+tag}, with the
 * key name as associated data (a value cannot be moved to another key).
 *
 * <p>If the Keystore key is lost or invalidated (a restored backup, a reset), the unreadable
 * value is dropped and reads as absent: the member signs in again. Writes use {@code commit()}
 * (durable before returning), so call the client off the main thread, as for every network call.
 *
 * <p>Not compiled in this repository (no Android SDK on its machines); see bindings/jni/README.md.
 */
public final class KeystoreSecureStorage implements SecureStorage {
    private static final String KEYSTORE = "AndroidKeyStore";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;

    private final SharedPreferences prefs;
    private final String alias;
    private SecretKey key;

    public KeystoreSecureStorage(@NotNull Context context) {
        this(context, "membercore_secure", "membercore_secure_key");
    }

    public KeystoreSecureStorage(@NotNull Context context, @NotNull String prefsName,
            @NotNull String keyAlias) {
        this.prefs = context.getApplicationContext()
                .getSharedPreferences(prefsName, Context.MODE_PRIVATE);
        this.alias = keyAlias;
    }

    private SecretKey key() throws Exception {
        if (key != null) {
            return key;
        }
        KeyStore ks = KeyStore.getInstance(KEYSTORE);
        ks.load(null);
        if (ks.containsAlias(alias)) {
            key = (SecretKey) ks.getKey(alias, null);
        } else {
            KeyGenerator gen = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE);
            gen.init(new KeyGenParameterSpec.Builder(alias,
                    KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build());
            key = gen.generateKey();
        }
        return key;
    }

    @Override
    public synchronized @Nullable String get(@NotNull String name) throws Exception {
        String stored = prefs.getString(name, null);
        if (stored == null) {
            return null;
        }
        try {
            byte[] blob = Base64.decode(stored, Base64.NO_WRAP);
            int ivLength = blob[0];
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key(),
                    new GCMParameterSpec(TAG_BITS, blob, 1, ivLength));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(blob, 1 + ivLength, blob.length - 1 - ivLength);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException | KeyPermanentlyInvalidatedException
                | IllegalArgumentException | ArrayIndexOutOfBoundsException unreadable) {
            delete(name); /* a value this key can no longer read: as if absent */
            return null;
        }
    }

    @Override
    public synchronized void set(@NotNull String name, @NotNull String value) throws Exception {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key()); /* the Keystore picks a fresh random IV */
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
        byte[] iv = cipher.getIV();
        byte[] blob = new byte[1 + iv.length + sealed.length];
        blob[0] = (byte) iv.length;
        System.arraycopy(iv, 0, blob, 1, iv.length);
        System.arraycopy(sealed, 0, blob, 1 + iv.length, sealed.length);
        if (!prefs.edit().putString(name, Base64.encodeToString(blob, Base64.NO_WRAP)).commit()) {
            throw new IOException("SharedPreferences commit failed for " + name);
        }
    }

    @Override
    public synchronized void delete(@NotNull String name) throws Exception {
        if (!prefs.edit().remove(name).commit()) {
            throw new IOException("SharedPreferences commit failed removing " + name);
        }
    }
}
