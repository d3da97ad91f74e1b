/* base/secrets.h - the server's secrets from a secrets file (mode-checked) or the environment. */
#ifndef MS_SECRETS_H
#define MS_SECRETS_H

#include <stddef.h>

#define MS_SECRET_MAX 256

/* The secrets memberstub may be given; "" when not given. */
typedef struct ms_secrets {
    char razorpay_key_id[MS_SECRET_MAX + 1];
    char razorpay_key_secret[MS_SECRET_MAX + 1];
    char razorpay_webhook_secret[MS_SECRET_MAX + 1];
    /* Mixed with each database's own OTP key, so a copy of the database cannot check codes. */
    char otp_pepper[MS_SECRET_MAX + 1];
} ms_secrets;

/*
 * Read path into s (fields it names are overwritten, others kept). The file must be a regular
 * file owned by this process's user with no permission for group or others (0600 or 0400): a
 * secret others can read is refused. Lines are "name = value" (names as in ms_secrets), blank
 * lines and lines starting with '#' are skipped; an unknown name, a line without '=' or a value
 * longer than MS_SECRET_MAX is refused. 0, or -1 with a message naming the file and the problem
 * in err (cap bytes). Never puts a secret's value in err.
 */
int ms_secrets_read_file(const char *path, ms_secrets *s, char *err, size_t cap);

/* Fill each field of s still "" from MEMBERSTUB_RAZORPAY_KEY_ID, MEMBERSTUB_RAZORPAY_KEY_SECRET,
 * MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET and MEMBERSTUB_OTP_PEPPER (when set and short enough). */
void ms_secrets_from_env(ms_secrets *s);

/* Overwrite every secret in s with zeros. */
void ms_secrets_wipe(ms_secrets *s);

#endif
