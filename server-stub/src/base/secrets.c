/* base/secrets.c - the server's secrets from a secrets file (mode-checked) or the environment. */
#include "base/secrets.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"

/* Where the secret called name lives in s, NULL for an unknown name. */
static char *field(ms_secrets *s, const char *name)
{
    if (strcmp(name, "razorpay_key_id") == 0)
        return s->razorpay_key_id;
    if (strcmp(name, "razorpay_key_secret") == 0)
        return s->razorpay_key_secret;
    if (strcmp(name, "razorpay_webhook_secret") == 0)
        return s->razorpay_webhook_secret;
    if (strcmp(name, "otp_pepper") == 0)
        return s->otp_pepper;
    return NULL;
}

static char *trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' ||
                     text[n - 1] == '\r'))
        text[--n] = '\0';
    return text;
}

/* One line of the file into s. 0, or -1 with the problem in err. */
static int read_line(char *line, int number, const char *path, ms_secrets *s, char *err, size_t cap)
{
    char *text = trim(line);
    if (*text == '\0' || *text == '#')
        return 0;
    char *eq = strchr(text, '=');
    if (!eq) {
        snprintf(err, cap, "%s line %d: expected 'name = value'", path, number);
        return -1;
    }
    *eq = '\0';
    const char *name = trim(text);
    const char *value = trim(eq + 1);
    char *to = field(s, name);
    if (!to) {
        snprintf(err, cap,
                 "%s line %d: unknown name '%.40s' (known: razorpay_key_id, razorpay_key_secret,"
                 " razorpay_webhook_secret, otp_pepper)",
                 path, number, name);
        return -1;
    }
    if (strlen(value) > MS_SECRET_MAX) {
        snprintf(err, cap, "%s line %d: %s is longer than %d bytes", path, number, name,
                 MS_SECRET_MAX);
        return -1;
    }
    memcpy(to, value, strlen(value) + 1);
    return 0;
}

int ms_secrets_read_file(const char *path, ms_secrets *s, char *err, size_t cap)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, cap, "cannot open the secrets file %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, cap, "the secrets file %s is not a regular file", path);
        close(fd);
        return -1;
    }
    if (st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
        snprintf(err, cap,
                 "the secrets file %s must belong to this user and be readable by it alone"
                 " (it is mode %04o, owner uid %ld): chmod 600 it",
                 path, (unsigned)(st.st_mode & 07777), (long)st.st_uid);
        close(fd);
        return -1;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        snprintf(err, cap, "cannot read the secrets file %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    char line[MS_SECRET_MAX + 128];
    int rc = 0, number = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        number++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, cap, "%s line %d is too long", path, number);
            rc = -1;
        } else {
            rc = read_line(line, number, path, s, err, cap);
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, cap, "cannot read the secrets file %s", path);
        rc = -1;
    }
    ms_wipe(line, sizeof line);
    fclose(f);
    return rc;
}

static void from_env(char *to, const char *variable)
{
    const char *value = getenv(variable);
    if (!*to && value && strlen(value) <= MS_SECRET_MAX)
        memcpy(to, value, strlen(value) + 1);
}

void ms_secrets_from_env(ms_secrets *s)
{
    from_env(s->razorpay_key_id, "MEMBERSTUB_RAZORPAY_KEY_ID");
    from_env(s->razorpay_key_secret, "MEMBERSTUB_RAZORPAY_KEY_SECRET");
    from_env(s->razorpay_webhook_secret, "MEMBERSTUB_RAZORPAY_WEBHOOK_SECRET");
    from_env(s->otp_pepper, "MEMBERSTUB_OTP_PEPPER");
}

void ms_secrets_wipe(ms_secrets *s)
{
    ms_wipe(s, sizeof *s);
}
